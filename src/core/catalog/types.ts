/**
 * The operation model of the catalog: one `Operation` per (HTTP method, full path), whatever source
 * it came from (the bundled rest-typings catalog, the connected server's `/api/docs/json`, or an
 * imported OpenAPI document). Pure data: no functions, so it can be stored, compared and sent to a
 * worker as is.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';

/** A JSON Schema (draft 2020-12 as used by Rocket.Chat's ajv validators; OpenAPI 3.0 `nullable` tolerated). */
export type JsonSchema = { [keyword: string]: unknown };

/** Where an operation (or a fact about it) comes from. Imported documents are `import:<label>`. */
export type SourceId = 'bundled' | 'server' | `import:${string}`;

/**
 * Whether the connected server has the operation, after merging with its `/api/docs/json`:
 * - `unknown`: no server description was merged (not connected, or the server does not offer one);
 * - `on-server`: in the bundled/imported catalog and on the server;
 * - `not-on-server`: in the bundled/imported catalog, absent from the server's description;
 * - `only-on-server`: the server describes it, no other source does.
 */
export type Availability = 'unknown' | 'on-server' | 'not-on-server' | 'only-on-server';

/** Where a request's parameters go: the query string (GET/DELETE) or a JSON body (POST/PUT/PATCH). */
export type ParamsLocation = 'query' | 'body';

/**
 * How trustworthy the parameter schema is:
 * - `validator`: the server's own ajv validator (the server rejects what it rejects);
 * - `types`: derived from TypeScript types (the server may not check; problems are warnings);
 * - `openapi`: from an OpenAPI document (server or imported);
 * - `none`: the operation takes no parameters we know of.
 */
export type SchemaSource = 'validator' | 'types' | 'openapi' | 'none';

/** Mongo-style JSON parameters read by the server's `parseJsonQuery` (`query` is deprecated, see reference). */
export type JsonParamName = 'query' | 'fields' | 'sort';

export interface ParamDoc {
  description?: string;
  example?: unknown;
}

export interface Operation {
  /** Stable deep-link id: `get-api-v1-users.list` (see `operationId()`). */
  id: string;
  method: HttpMethod;
  /** Full path as served, `:name` placeholders: `/api/v1/users.list`, `/api/apps/:id`, `/hooks/...`. */
  path: string;
  /** Domain group, e.g. `channels`, `users`, `chat`, `livechat`, `apps`, `server`. */
  group: string;
  summary?: string;
  description?: string;
  /** Names of `:name` path placeholders, in order. Each becomes a required string form field. */
  pathParams: string[];
  paramsIn: ParamsLocation;
  /** JSON Schema of the query-string object (GET/DELETE) or the JSON body (POST/PUT/PATCH). */
  paramsSchema?: JsonSchema;
  schemaSource: SchemaSource;
  /** How the server coerces values before validating: query strings `array`, bodies `true`. */
  coerceTypes: boolean | 'array';
  /** Params extend `PaginatedRequest` (count/offset) or the result is a `PaginatedResult`. */
  paginated: boolean;
  /** Needs `X-User-Id`/`X-Auth-Token` (see the rule in scripts/catalog/rules.ts). */
  auth: boolean;
  /** Top-level keys of a successful result (from the types; the server adds `success`). */
  resultKeys: string[];
  /** Which of `query`/`fields`/`sort` are the Mongo-style JSON parameters of `parseJsonQuery`. */
  jsonParams: JsonParamName[];
  /** The result key holding the returned items and their model type, for editor completion. */
  itemModel?: { key: string; type: string; array: boolean };
  deprecated?: boolean;
  /** Per-parameter prose and examples (from OpenAPI sources). */
  paramDocs?: Record<string, ParamDoc>;
  /** Example request bodies (from OpenAPI sources), by name. */
  examples?: Record<string, unknown>;
  availability: Availability;
  /** Every source that describes this operation, bundled first. */
  sources: SourceId[];
}

/** The committed, generated file's format (src/core/catalog/generated/catalog.json). */
export interface GeneratedCatalog {
  /** `@rocket.chat/rest-typings@8.8.1` */
  generatedFrom: string;
  count: number;
  /** Shared parameter schemas, referenced by index from operations (deduplicated). */
  schemas: JsonSchema[];
  /** Top-level field names of model types named by `itemModel`, for completion. */
  models: Record<string, string[]>;
  operations: GeneratedOperation[];
}

/** One operation in the generated file: defaults omitted to keep the file small. */
export interface GeneratedOperation {
  method: HttpMethod;
  path: string;
  group: string;
  /** Index into `schemas`. */
  schema?: number;
  /** `v` validator, `t` types; absent when no parameters. */
  src?: 'v' | 't';
  /** Present (true) when paginated. */
  paginated?: true;
  /** Present (false) when the operation needs no authentication. */
  auth?: false;
  resultKeys?: string[];
  jsonParams?: JsonParamName[];
  itemModel?: { key: string; type: string; array: boolean };
  summary?: string;
}
