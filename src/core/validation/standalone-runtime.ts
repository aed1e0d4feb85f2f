/**
 * What the precompiled validators (src/core/catalog/generated/validators-*.js) import at run time:
 * ajv's small runtime helpers and the formats. ajv's standalone output names them as CommonJS
 * `require("ajv/dist/runtime/equal").default`; the generator rewrites each to a name exported here,
 * so the generated modules are plain ESM that Vite bundles for the browser and Node loads in tests.
 *
 * A CommonJS module's default import is `exports.default` in a bundler but `module.exports` in
 * Node, hence `fromCjs`.
 */
import equalModule from 'ajv/dist/runtime/equal';
import ucs2lengthModule from 'ajv/dist/runtime/ucs2length';

function fromCjs<T>(m: T): T {
  return typeof m === 'function' ? m : ((m as unknown as { default: T }).default ?? m);
}

export const equal = fromCjs(equalModule);
export const ucs2length = fromCjs(ucs2lengthModule);
export { formats } from './formats';
