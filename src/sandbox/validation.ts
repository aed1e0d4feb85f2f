// ajv instances configured like @rocket.chat/rest-typings: query strings coerce to arrays/numbers,
// bodies coerce scalars. Errors are reported as ajv's first message (allErrors off).
import Ajv2020 from 'ajv/dist/2020';
import type { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

const make = (coerceTypes: boolean | 'array'): Ajv2020 => {
  const ajv = new Ajv2020({ coerceTypes, allowUnionTypes: true, strict: false });
  addFormats(ajv);
  ajv.addFormat('basic_email', /^[^@]+@[^@]+$/);
  ajv.addKeyword({
    keyword: 'isNotEmpty',
    type: 'string',
    validate: (_schema: unknown, data: unknown) => typeof data === 'string' && !!data.trim(),
  });
  return ajv;
};

export const ajvQuery = make('array');
export const ajvBody = make(true);

export type Schema = Record<string, unknown>;

export function compileQuery(schema: Schema): ValidateFunction {
  return ajvQuery.compile(schema);
}

export function compileBody(schema: Schema): ValidateFunction {
  return ajvBody.compile(schema);
}

/** The error text addRoute puts in its invalid-params Meteor.Error. */
export function errorText(fn: ValidateFunction): string {
  return (fn.errors ?? []).map((e) => e.message).join('\n ');
}

/** Shorthands for the schemas the routes declare. */
export const str = { type: 'string' } as const;
export const num = { type: 'number' } as const;
export const bool = { type: 'boolean' } as const;

export const objectSchema = (
  properties: Record<string, unknown>,
  required: string[] = [],
  additional = false,
): Schema => ({
  type: 'object',
  properties,
  required,
  additionalProperties: additional,
});

/** count/offset/sort/query/fields accepted by every paginated GET. */
export const paginationProps = { count: num, offset: num, sort: str, query: str, fields: str };
