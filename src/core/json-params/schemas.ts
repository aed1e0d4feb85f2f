/**
 * JSON Schemas for the three editors, as plain objects for Monaco's JSON diagnostics
 * (`monaco.languages.json.jsonDefaults.setDiagnosticsOptions({ schemas: [...] })`).
 *
 * They express the shape only; the precise, server-worded checks (refused operators, mixed
 * projections, stripped fields) come from `rules.ts` as markers, because a schema can say "not
 * allowed" but not *why* in Rocket.Chat's words. `errorMessage`, `markdownDescription` and
 * `doNotSuggest` are extensions understood by Monaco's JSON language service and ignored elsewhere.
 * Draft-07, so both Monaco and ajv read them.
 */

export const SCHEMA_URIS = {
  query: 'https://rocketchat-api-explorer.local/schemas/query.json',
  fields: 'https://rocketchat-api-explorer.local/schemas/fields.json',
  sort: 'https://rocketchat-api-explorer.local/schemas/sort.json',
} as const;

export const sortSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: SCHEMA_URIS.sort,
  title: 'sort',
  description:
    'Sort order: field name -> 1 (ascending) or -1 (descending). Rocket.Chat refuses any other value with error-invalid-sort.',
  type: 'object',
  additionalProperties: {
    enum: [1, -1],
    errorMessage: 'Sort values must be 1 (ascending) or -1 (descending).',
  },
  defaultSnippets: [{ label: 'sort by name', body: { name: 1 } }],
} as const;

export const fieldsSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: SCHEMA_URIS.fields,
  title: 'fields',
  description:
    'Projection: field name -> 1 (include) or 0 (exclude); do not mix 1 and 0 except for _id. Ignored by servers >= 7.0 unless ALLOW_UNSAFE_QUERY_AND_FIELDS_API_PARAMS=TRUE.',
  type: 'object',
  additionalProperties: {
    enum: [0, 1],
    errorMessage: 'Field values must be 1 (include) or 0 (exclude).',
  },
  defaultSnippets: [{ label: 'only username and name', body: { username: 1, name: 1 } }],
} as const;

const dateSchema = {
  type: 'object',
  description: 'EJSON date: epoch milliseconds or an ISO 8601 string.',
  properties: {
    $date: {
      oneOf: [
        { type: 'number', description: 'Epoch milliseconds' },
        { type: 'string', format: 'date-time', description: 'ISO 8601, e.g. 2024-01-31T00:00:00Z' },
      ],
    },
  },
  required: ['$date'],
  additionalProperties: false,
} as const;

const ejsonRegExpSchema = {
  type: 'object',
  description: 'EJSON regular expression: becomes a RegExp value (no operator needed).',
  properties: {
    $regexp: { type: 'string' },
    $flags: { type: 'string', pattern: '^[gimsuy]*$' },
  },
  required: ['$regexp'],
  additionalProperties: false,
} as const;

const regexSchema = {
  type: 'object',
  description: 'MongoDB $regex with optional $options (i, m, x, s).',
  properties: {
    $regex: { type: 'string', description: 'Pattern (allowed by Rocket.Chat).' },
    $options: { type: 'string', pattern: '^[imxs]*$', description: 'Flags: i, m, x, s.' },
  },
  required: ['$regex'],
  additionalProperties: false,
} as const;

/** Plain object with no `$`-keys: a sub-document to match exactly. */
const plainObjectSchema = {
  type: 'object',
  propertyNames: { not: { pattern: '^\\$' } },
  additionalProperties: { $ref: '#/definitions/value' },
} as const;

export const querySchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: SCHEMA_URIS.query,
  title: 'query',
  description:
    'MongoDB-style filter in EJSON. Rocket.Chat allows only $or, $and and $regex. Ignored by servers >= 7.0 unless ALLOW_UNSAFE_QUERY_AND_FIELDS_API_PARAMS=TRUE; removed in 9.0.',
  $ref: '#/definitions/condition',
  definitions: {
    condition: {
      type: 'object',
      properties: {
        $or: {
          type: 'array',
          minItems: 1,
          items: { $ref: '#/definitions/condition' },
          description: 'Any of these conditions (allowed).',
        },
        $and: {
          type: 'array',
          minItems: 1,
          items: { $ref: '#/definitions/condition' },
          description: 'All of these conditions (allowed).',
        },
      },
      patternProperties: {
        '^\\$(?!or$|and$)': {
          not: {},
          errorMessage: 'Rocket.Chat allows only $or, $and and $regex (others: Invalid operation).',
          doNotSuggest: true,
        },
      },
      additionalProperties: { $ref: '#/definitions/value' },
    },
    value: {
      anyOf: [
        { type: ['string', 'number', 'boolean', 'null'] },
        { type: 'array', items: { $ref: '#/definitions/value' } },
        dateSchema,
        ejsonRegExpSchema,
        regexSchema,
        plainObjectSchema,
      ],
    },
  },
} as const;

/** The three schemas keyed by parameter name. */
export const JSON_PARAM_SCHEMAS = { query: querySchema, fields: fieldsSchema, sort: sortSchema } as const;
