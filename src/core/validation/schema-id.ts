/**
 * A schema's id: a 53-bit hash (cyrb53) of its JSON text, in base 36, prefixed with `s` so it is
 * a valid identifier. The catalog generator keys the precompiled validators by it, and the run-time
 * lookup computes the same id from an operation's schema, so any schema with the very same JSON
 * (the bundled catalog's, parsed from catalog.json in the same key order) finds its validator; a
 * schema from anywhere else (an imported document, the server's description) does not.
 */
export function schemaId(schema: unknown): string {
  const text = JSON.stringify(schema) ?? '';
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 's' + (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** How the server coerces values before validating: query strings `'array'`, JSON bodies `true`. */
export type CoerceMode = boolean | 'array';

/** The precompiled module a coercion mode's validators live in. */
export function modeName(coerceTypes: CoerceMode): 'query' | 'body' | 'plain' {
  return coerceTypes === 'array' ? 'query' : coerceTypes ? 'body' : 'plain';
}
