// Local `$ref` resolution for OpenAPI documents: JSON pointers, `$ref` chains, and schemas with
// their references inlined (cycle-safe and depth-limited, as imported documents are untrusted).
import type { JsonSchema } from './types';

/** A problem that did not sink the document: something skipped or left opaque. */
export interface OpenApiWarning {
  where: string;
  message: string;
}

export type Obj = Record<string, unknown>;
export const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

export function escapePointer(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Resolves a local `#/...` reference; undefined when it does not exist. */
export function resolvePointer(doc: Obj, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let cur: unknown = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObj(cur) && !Array.isArray(cur)) return undefined;
    cur = (cur as Obj)[key];
    if (cur === undefined) return undefined;
  }
  return cur;
}

export class Resolver {
  constructor(
    private readonly doc: Obj,
    private readonly warnings: OpenApiWarning[],
  ) {}

  /** Follows `$ref` chains of an object (parameter, requestBody, response). */
  deref(x: unknown, where: string): unknown {
    let cur = x;
    for (let i = 0; i < 20 && isObj(cur) && typeof cur.$ref === 'string'; i++) {
      const target = resolvePointer(this.doc, cur.$ref);
      if (target === undefined) {
        this.warnings.push({ where, message: `unresolved reference ${cur.$ref}` });
        return undefined;
      }
      cur = target;
    }
    return cur;
  }

  /** Inlines local `$ref`s in a schema (cycle-safe, depth-limited), dropping OpenAPI-only keywords. */
  schema(x: unknown, where: string, depth = 0, stack: string[] = []): JsonSchema {
    if (!isObj(x)) return {};
    if (typeof x.$ref === 'string') {
      const ref = x.$ref;
      if (stack.includes(ref) || depth > 8) return { type: 'object' };
      const target = resolvePointer(this.doc, ref);
      if (target === undefined) {
        this.warnings.push({ where, message: `unresolved reference ${ref}` });
        return {};
      }
      return this.schema(target, where, depth + 1, [...stack, ref]);
    }
    const out: JsonSchema = {};
    for (const [k, v] of Object.entries(x)) {
      if (k === 'example' || k === 'examples' || k === 'xml' || k === 'externalDocs' || k.startsWith('x-'))
        continue;
      if (k === 'properties' && isObj(v)) {
        out.properties = Object.fromEntries(
          Object.entries(v).map(([pk, pv]) => [pk, this.schema(pv, where, depth + 1, stack)]),
        );
      } else if ((k === 'items' || k === 'additionalProperties' || k === 'not') && isObj(v)) {
        out[k] = this.schema(v, where, depth + 1, stack);
      } else if ((k === 'anyOf' || k === 'oneOf' || k === 'allOf') && Array.isArray(v)) {
        out[k] = v.map((s) => this.schema(s, where, depth + 1, stack));
      } else {
        out[k] = v;
      }
    }
    return out;
  }
}
