/**
 * Checks a request's parameters against its operation's schema before sending, and says what is
 * wrong in plain words per field (`count must be a number`, `roomId is required`,
 * `unknown parameter foo`).
 *
 * Behaves like the server: the same ajv dialect as @rocket.chat/rest-typings (draft 2020-12,
 * ajv-formats, the `basic_email`/`rfc_email` formats and the `isNotEmpty` keyword), query strings
 * coerced with `coerceTypes: 'array'` (so `count=50` is a number and `status=a` an array), bodies
 * with `coerceTypes: true` (the set-up is in ajv-setup.ts).
 *
 * Where the validators come from (`ValidationResult.schemaCheck`):
 * - `precompiled`: every schema of the bundled catalog was compiled by ajv at build time
 *   (`npm run catalog`, precompiled.ts), so it runs under a Content-Security-Policy without
 *   'unsafe-eval', as the explorer's own;
 * - `compiled`: other schemas (imported OpenAPI documents, operations only the server describes)
 *   are compiled on first use and cached per schema object, which needs `new Function`;
 * - `server-only`: that compilation is forbidden here (the browser threw an EvalError, or the page
 *   said so with `setRuntimeCompilation(false)`): the result says so in a warning, sending is not
 *   blocked, and no compilation is attempted again (each attempt would be a CSP violation report);
 * - `unusable`: ajv refuses the schema itself (a warning says why); `none`: no schema.
 *
 * Severity: problems against the server's own validator schema are `error`s (the server will
 * answer 400). Schemas derived from TypeScript types or OpenAPI prose are not enforced by every
 * server, so an unknown parameter there is only a `warning`. Sending stays possible either way.
 */
import type Ajv2020 from 'ajv/dist/2020';
import type { ErrorObject } from 'ajv/dist/2020';
import { jsonErrorWhere, jsonReason } from '../catalog/json-error';
import type { JsonSchema, Operation } from '../catalog/types';
import { makeAjv } from './ajv-setup';
import { precompiledValidator, type PrecompiledValidator } from './precompiled';
import type { CoerceMode } from './schema-id';

export type Severity = 'error' | 'warning';

export interface Problem {
  /** Parameter name (top-level), `Body` for the body as a whole, or '' for the request. */
  field: string;
  /** Plain words, starting with the field name where there is one. */
  message: string;
  severity: Severity;
}

/** How the parameters were checked against the schema (see the module comment). */
export type SchemaCheck = 'precompiled' | 'compiled' | 'server-only' | 'unusable' | 'none';

export interface ValidationResult {
  /** No `error` (warnings allowed). */
  ok: boolean;
  problems: Problem[];
  /** How the schema check ran; `server-only` means the parameters were not checked here. */
  schemaCheck: SchemaCheck;
}

export interface RequestInput {
  /** Values of `:name` path placeholders. */
  pathParams?: Record<string, string | undefined>;
  /**
   * The parameters object: query-string values (strings or string arrays; '' and undefined mean
   * "not given") for GET/DELETE, or the parsed JSON body for POST/PUT/PATCH.
   */
  params?: unknown;
}

/** The warning of the `server-only` case, word for word. */
export const SERVER_ONLY_MESSAGE =
  "Checked by the server only: this page's security policy forbids compiling validators for imported schemas";

/** A validator function, build-time or run-time (ajv's `ValidateFunction` is one). */
export type Validator = PrecompiledValidator;

/** Why a schema has no validator here. */
export class CompileRefusedError extends Error {
  override name = 'CompileRefusedError';
}

let ajvQuery: Ajv2020 | undefined;
let ajvBody: Ajv2020 | undefined;
const cache = new WeakMap<JsonSchema, Map<string, Validator | Error>>();
/** undefined: not known yet; false after an EvalError or `setRuntimeCompilation(false)`. */
let runtimeAllowed: boolean | undefined;

/**
 * Tells validation whether this page may compile code at run time (e.g. from the page's CSP).
 * With `false`, schemas that were not precompiled are not even tried (no CSP violation report);
 * without a call, the first EvalError decides.
 */
export function setRuntimeCompilation(allowed: boolean): void {
  runtimeAllowed = allowed;
}

/** Whether run-time compilation is known to be forbidden here (after an EvalError or a `setRuntimeCompilation(false)`). */
export function runtimeCompilationRefused(): boolean {
  return runtimeAllowed === false;
}

function isEvalRefusal(e: unknown): boolean {
  // Chromium and Firefox throw EvalError; Safari an EvalError too ("Refused to evaluate a string as JavaScript").
  return (
    e instanceof EvalError ||
    (e instanceof Error &&
      /unsafe-eval|Refused to evaluate|Content Security Policy|call to Function\(\) blocked/i.test(e.message))
  );
}

function runtimeCompile(schema: JsonSchema, coerceTypes: CoerceMode): Validator | Error {
  if (runtimeAllowed === false) return new CompileRefusedError(SERVER_ONLY_MESSAGE);
  const ajv = coerceTypes === 'array' ? (ajvQuery ??= makeAjv('array')) : (ajvBody ??= makeAjv(coerceTypes));
  try {
    const v = ajv.compile(structuredClone(schema));
    runtimeAllowed = true;
    return v;
  } catch (e) {
    if (isEvalRefusal(e)) {
      runtimeAllowed = false;
      return new CompileRefusedError(SERVER_ONLY_MESSAGE);
    }
    return e instanceof Error ? e : new Error(String(e));
  }
}

/**
 * The validator for a schema (build-time when the bundled catalog has the schema, else compiled
 * and cached), or an Error: a `CompileRefusedError` when this page forbids compiling, else ajv's
 * compile error.
 */
export function compiledValidator(schema: JsonSchema, coerceTypes: CoerceMode): Validator | Error {
  const pre = precompiledValidator(schema, coerceTypes);
  if (pre) return pre;
  let perMode = cache.get(schema);
  if (!perMode) {
    perMode = new Map();
    cache.set(schema, perMode);
  }
  const mode = String(coerceTypes);
  let v = perMode.get(mode);
  if (!v) {
    v = runtimeCompile(schema, coerceTypes);
    // A refusal is not cached per schema: setRuntimeCompilation(true) later may lift it.
    if (!(v instanceof CompileRefusedError)) perMode.set(mode, v);
  }
  return v;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  array: 'a list (JSON array)',
  object: 'an object (JSON)',
  null: 'null',
};

function typeWords(t: unknown): string {
  const list = Array.isArray(t) ? t : [t];
  const words = list.map((x) => TYPE_WORDS[String(x)] ?? String(x));
  return words.length > 1
    ? `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`
    : (words[0] ?? 'valid');
}

function orList(names: string[]): string {
  return names.length > 1
    ? `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`
    : (names[0] ?? '');
}

/** `/status/0` -> `status[0]`, `/user/name` -> `user.name`; '' for the root. */
function fieldOf(instancePath: string): string {
  return instancePath
    .split('/')
    .filter(Boolean)
    .map((seg, i) =>
      /^\d+$/.test(seg) ? `[${seg}]` : i === 0 ? seg.replace(/~1/g, '/').replace(/~0/g, '~') : `.${seg}`,
    )
    .join('');
}

function describe(e: ErrorObject, lenient: boolean): Problem | undefined {
  const field = fieldOf(e.instancePath);
  const top = field.split(/[.[]/)[0] ?? '';
  const subject = field || 'The parameters';
  const p = e.params as Record<string, unknown>;
  const error = (message: string, severity: Severity = 'error'): Problem => ({
    field: top,
    message,
    severity,
  });
  switch (e.keyword) {
    case 'required': {
      const name = field ? `${field}.${String(p.missingProperty)}` : String(p.missingProperty);
      return {
        field: field ? top : String(p.missingProperty),
        message: `${name} is required`,
        severity: 'error',
      };
    }
    case 'additionalProperties': {
      const name = field ? `${field}.${String(p.additionalProperty)}` : String(p.additionalProperty);
      return {
        field: field ? top : String(p.additionalProperty),
        message: `unknown parameter ${name}`,
        severity: lenient ? 'warning' : 'error',
      };
    }
    case 'type':
      return error(`${subject} must be ${typeWords(p.type)}`);
    case 'enum':
      return error(
        `${subject} must be one of: ${((p.allowedValues as unknown[]) ?? []).map((v) => JSON.stringify(v)).join(', ')}`,
      );
    case 'const':
      return error(`${subject} must be ${JSON.stringify(p.allowedValue)}`);
    case 'format':
      return error(`${subject} must be a valid ${String(p.format).replace(/_/g, ' ')}`);
    case 'minLength':
      return error(
        p.limit === 1
          ? `${subject} must not be empty`
          : `${subject} must have at least ${String(p.limit)} characters`,
      );
    case 'maxLength':
      return error(`${subject} must have at most ${String(p.limit)} characters`);
    case 'minimum':
    case 'exclusiveMinimum':
    case 'maximum':
    case 'exclusiveMaximum':
      return error(`${subject} must be ${String(p.comparison)} ${String(p.limit)}`);
    case 'minItems':
      return error(`${subject} must have at least ${String(p.limit)} item${p.limit === 1 ? '' : 's'}`);
    case 'maxItems':
      return error(`${subject} must have at most ${String(p.limit)} items`);
    case 'pattern':
      return error(`${subject} must match the pattern ${String(p.pattern)}`);
    case 'isNotEmpty':
      return error(`${subject} must not be empty`);
    case 'anyOf':
    case 'oneOf':
    case 'if':
      return undefined; // summarised by the caller from the branches' own errors
    default:
      return error(`${subject} ${e.message ?? 'is not valid'}`);
  }
}

/**
 * Turns ajv errors into problems. Root `anyOf`/`oneOf` alternatives (e.g. `roomId` or
 * `roomName`) are summarised: when every alternative misses a required parameter, one problem says
 * `roomId or roomName is required`; otherwise the alternative that fits best explains the rest.
 */
function explain(errors: ErrorObject[], schema: JsonSchema, lenient: boolean): Problem[] {
  const branchOf = (e: ErrorObject) => /^#\/(anyOf|oneOf)\/(\d+)\//.exec(e.schemaPath);
  const altKey = Array.isArray(schema.anyOf) ? 'anyOf' : Array.isArray(schema.oneOf) ? 'oneOf' : undefined;
  const out: Problem[] = [];
  if (altKey) {
    const branchCount = (schema[altKey] as unknown[]).length;
    const byBranch: ErrorObject[][] = Array.from({ length: branchCount }, () => []);
    for (const e of errors) {
      const m = branchOf(e);
      if (m) byBranch[Number(m[2])]!.push(e);
      else if (
        e.keyword === 'oneOf' &&
        e.instancePath === '' &&
        (e.params as { passingSchemas?: unknown }).passingSchemas
      ) {
        out.push({
          field: '',
          message: 'The parameters match more than one accepted form; give only one of the alternatives',
          severity: 'error',
        });
      }
    }
    const failing = byBranch.filter((b) => b.length > 0);
    if (failing.length === branchCount && branchCount > 0) {
      const missing = byBranch.map((b) => b.find((e) => e.keyword === 'required' && e.instancePath === ''));
      if (missing.every(Boolean)) {
        const names = [
          ...new Set(missing.map((e) => String((e!.params as { missingProperty: string }).missingProperty))),
        ];
        out.push({
          field: names[0] ?? '',
          message: names.length > 1 ? `${orList(names)} is required` : `${names[0]} is required`,
          severity: 'error',
        });
        // Other problems from the branch with the fewest errors.
        const best = byBranch.reduce((a, b) => (b.length < a.length ? b : a));
        for (const e of best)
          if (!(e.keyword === 'required' && e.instancePath === '')) pushUnique(out, describe(e, lenient));
      } else {
        const best = byBranch.reduce((a, b) => (b.length < a.length ? b : a));
        for (const e of best) pushUnique(out, describe(e, lenient));
      }
    }
  }
  for (const e of errors) if (!altKey || !branchOf(e)) pushUnique(out, describe(e, lenient));
  return out;
}

function pushUnique(out: Problem[], p: Problem | undefined): void {
  if (p && !out.some((q) => q.message === p.message)) out.push(p);
}

/** Drops '' and undefined query values ("not given"); leaves bodies untouched. */
function cleanQuery(params: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (params && typeof params === 'object') {
    for (const [k, v] of Object.entries(params as Record<string, unknown>))
      if (v !== undefined && v !== '') out[k] = v;
  }
  return out;
}

/** Validates path placeholders and parameters of a request against its operation. */
export function validateRequest(op: Operation, input: RequestInput): ValidationResult {
  const problems: Problem[] = [];
  for (const name of op.pathParams) {
    const v = input.pathParams?.[name];
    if (v === undefined || v.trim() === '')
      problems.push({
        field: name,
        message: `${name} is required (it is part of the path)`,
        severity: 'error',
      });
  }
  const schema = op.paramsSchema;
  let schemaCheck: SchemaCheck = 'none';
  if (schema) {
    const data = op.paramsIn === 'query' ? cleanQuery(input.params) : structuredClone(input.params ?? {});
    const pre = precompiledValidator(schema, op.coerceTypes);
    const v = pre ?? compiledValidator(schema, op.coerceTypes);
    if (v instanceof CompileRefusedError) {
      schemaCheck = 'server-only';
      problems.push({ field: '', message: SERVER_ONLY_MESSAGE, severity: 'warning' });
    } else if (v instanceof Error) {
      schemaCheck = 'unusable';
      problems.push({
        field: '',
        message: `The parameter schema could not be compiled, so nothing was checked (${v.message})`,
        severity: 'warning',
      });
    } else {
      schemaCheck = pre ? 'precompiled' : 'compiled';
      if (!v(data)) {
        const lenient = op.schemaSource !== 'validator';
        const found = explain(v.errors ?? [], schema, lenient);
        // A schema derived from TypeScript types says what the types declare, not what the server
        // checks (users.generatePersonalAccessToken declares bypassTwoFactor, the server treats it as
        // optional): its findings are warnings and never hold Send back.
        const advisory = op.schemaSource === 'types';
        problems.push(...(advisory ? found.map((p) => ({ ...p, severity: 'warning' as const })) : found));
      }
    }
  }
  return { ok: !problems.some((p) => p.severity === 'error'), problems, schemaCheck };
}

/**
 * Parses a JSON body text (the `Body` editor), then validates it. A syntax error is reported on
 * `Body` with its line and column; an empty text is an empty object.
 */
export function validateBodyText(
  op: Operation,
  text: string,
  pathParams?: Record<string, string | undefined>,
): ValidationResult & { body?: unknown } {
  let body: unknown = {};
  if (text.trim() !== '') {
    try {
      body = JSON.parse(text);
    } catch (e) {
      const where = jsonErrorWhere(text);
      return {
        ok: false,
        problems: [
          {
            field: 'Body',
            message: `Body is not valid JSON${where ? ` at ${where}` : ''}: ${jsonReason(e)}`,
            severity: 'error',
          },
        ],
        schemaCheck: 'none',
      };
    }
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    if (op.paramsSchema)
      return {
        ok: false,
        problems: [{ field: 'Body', message: 'Body must be a JSON object', severity: 'error' }],
        body,
        schemaCheck: 'none',
      };
  }
  return { ...validateRequest(op, { ...(pathParams ? { pathParams } : {}), params: body }), body };
}
