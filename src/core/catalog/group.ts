import type { JsonSchema, Operation } from './types';

export interface OperationGroup {
  name: string;
  operations: Operation[];
}

/** Groups by `Operation.group`, groups sorted by name, operations kept in input order (e.g. search rank). */
export function groupByDomain(ops: readonly Operation[]): OperationGroup[] {
  const map = new Map<string, Operation[]>();
  for (const op of ops) {
    const list = map.get(op.group);
    if (list) list.push(op);
    else map.set(op.group, [op]);
  }
  return [...map.keys()].sort().map((name) => ({ name, operations: map.get(name)! }));
}

/** What a form control needs to know about one parameter. */
export interface FormField {
  name: string;
  in: 'path' | 'query' | 'body';
  /** `string`, `number`, `integer`, `boolean`, `array`, `object`, `enum`, or `json` (unknown/mixed). */
  kind: 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object' | 'enum' | 'json';
  /** Required in every accepted form of the parameters. */
  required: boolean;
  /** Required in some forms only (`roomId` or `roomName`): the UI can mark it "one of". */
  requiredInSome: boolean;
  enum?: unknown[];
  description?: string;
  example?: unknown;
  /** One of the Mongo-style JSON parameters (`query`, `fields`, `sort`): edit with a JSON editor. */
  json: boolean;
  schema: JsonSchema;
}

function branches(schema: JsonSchema): JsonSchema[] {
  const alts = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (Array.isArray(alts))
    return alts.flatMap((b) =>
      branches({
        ...b,
        ...(schema.properties
          ? { properties: { ...(schema.properties as object), ...(b.properties as object) } }
          : {}),
      }),
    );
  return [schema];
}

function kindOf(s: JsonSchema): FormField['kind'] {
  if (Array.isArray(s.enum)) return 'enum';
  const t = s.type;
  const types = (Array.isArray(t) ? t : t ? [t] : []).filter((x) => x !== 'null');
  if (
    types.length === 1 &&
    typeof types[0] === 'string' &&
    ['string', 'number', 'integer', 'boolean', 'array', 'object'].includes(types[0])
  ) {
    return types[0] as FormField['kind'];
  }
  const alts = (s.anyOf ?? s.oneOf) as JsonSchema[] | undefined;
  if (Array.isArray(alts) && alts.length > 0) {
    const kinds = new Set(alts.map(kindOf));
    if (kinds.size === 1) return [...kinds][0]!;
  }
  return 'json';
}

/**
 * The form of an operation: path placeholders first, then every top-level property of its
 * parameter schema (merged over `anyOf`/`oneOf` alternatives), in schema order.
 */
export function formFields(op: Operation): FormField[] {
  const fields: FormField[] = op.pathParams.map((name) => ({
    name,
    in: 'path' as const,
    kind: 'string' as const,
    required: true,
    requiredInSome: true,
    json: false,
    schema: { type: 'string' },
    ...(op.paramDocs?.[name]?.description ? { description: op.paramDocs[name].description } : {}),
  }));
  if (!op.paramsSchema) return fields;
  const alts = branches(op.paramsSchema);
  const order: string[] = [];
  const props = new Map<string, JsonSchema>();
  for (const b of alts) {
    for (const [name, s] of Object.entries((b.properties ?? {}) as Record<string, JsonSchema>)) {
      if (!props.has(name)) {
        props.set(name, s);
        order.push(name);
      }
    }
  }
  for (const name of order) {
    if (op.pathParams.includes(name)) continue;
    const s = props.get(name)!;
    const inAll = alts.every((b) => Array.isArray(b.required) && (b.required as string[]).includes(name));
    const inSome = alts.some((b) => Array.isArray(b.required) && (b.required as string[]).includes(name));
    const doc = op.paramDocs?.[name];
    const description = doc?.description ?? (typeof s.description === 'string' ? s.description : undefined);
    const example = doc?.example ?? s.example;
    const field: FormField = {
      name,
      in: op.paramsIn,
      kind: kindOf(s),
      required: inAll,
      requiredInSome: inSome,
      json: (op.jsonParams as string[]).includes(name),
      schema: s,
    };
    if (Array.isArray(s.enum)) field.enum = s.enum;
    if (description) field.description = description;
    if (example !== undefined) field.example = example;
    fields.push(field);
  }
  return fields;
}
