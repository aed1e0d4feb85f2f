/**
 * The validators ajv compiled at build time (`npm run catalog`, scripts/catalog/standalone.ts) for
 * every schema of the bundled catalog, so validation needs no `new Function` in the browser (the
 * explorer's Content-Security-Policy forbids eval). This module is only reached through
 * validate.ts, which the UI imports on demand: not in the first load.
 */
import type { ErrorObject } from 'ajv/dist/2020';
import { unusable as bodyUnusable, validators as bodyValidators } from '../catalog/generated/validators-body';
import {
  unusable as queryUnusable,
  validators as queryValidators,
} from '../catalog/generated/validators-query';
import { schemaId, type CoerceMode } from './schema-id';

/** An ajv standalone validate function: returns the verdict, leaves the errors on `.errors`. */
export interface PrecompiledValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

const ids = new WeakMap<object, string>();

/** The schema's id, computed once per schema object. */
function idOf(schema: object): string {
  let id = ids.get(schema);
  if (id === undefined) {
    id = schemaId(schema);
    ids.set(schema, id);
  }
  return id;
}

/**
 * The build-time validator for this schema and coercion mode; an Error when ajv refused the schema
 * at build time (nothing to retry); undefined when the schema was not in the bundled catalog.
 */
export function precompiledValidator(
  schema: object,
  coerceTypes: CoerceMode,
): PrecompiledValidator | Error | undefined {
  const [validators, unusable] =
    coerceTypes === 'array'
      ? [queryValidators, queryUnusable]
      : coerceTypes === true
        ? [bodyValidators, bodyUnusable]
        : [undefined, undefined];
  if (!validators || !unusable) return undefined;
  const id = idOf(schema);
  const v = validators[id];
  if (v) return v;
  const refused = unusable[id];
  return refused === undefined ? undefined : new Error(refused);
}
