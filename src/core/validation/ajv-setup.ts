/**
 * The ajv set-up of @rocket.chat/rest-typings (its `v1/Ajv.js`): draft 2020-12, ajv-formats, the
 * `basic_email`/`rfc_email` formats and the `isNotEmpty` keyword; `coerceTypes: 'array'` for query
 * strings, `true` for bodies. One place, used by the run-time compiler (validate.ts) and by the
 * build-time precompiler (scripts/catalog/standalone.ts), so both give the same verdicts.
 */
import Ajv2020, { _, type KeywordCxt, type Options } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { BASIC_EMAIL, RFC_EMAIL } from './formats';
import type { CoerceMode } from './schema-id';

export function ajvOptions(coerceTypes: CoerceMode): Options {
  return {
    coerceTypes,
    allErrors: true,
    strict: false,
    allowUnionTypes: true,
    discriminator: true,
    validateSchema: false,
  };
}

/**
 * Adds the formats and keywords. `isNotEmpty` is defined by code generation (not a `validate`
 * callback as in rest-typings, with the same verdict: a string that is not only white space), so
 * that ajv can also emit it into standalone code.
 */
export function configureAjv(ajv: Ajv2020): Ajv2020 {
  addFormats(ajv);
  ajv.addFormat('basic_email', BASIC_EMAIL);
  ajv.addFormat('rfc_email', RFC_EMAIL);
  ajv.addKeyword({
    keyword: 'isNotEmpty',
    type: 'string',
    code(cxt: KeywordCxt) {
      cxt.fail(_`!${cxt.data}.trim()`);
    },
  });
  return ajv;
}

/** A run-time ajv instance (compiles with `new Function`; a strict CSP refuses that). */
export function makeAjv(coerceTypes: CoerceMode): Ajv2020 {
  // logger: false, because ajv logs the generated code with console.error when compiling fails
  // (as it does under a CSP without 'unsafe-eval'); the failure is reported as a result instead.
  return configureAjv(new Ajv2020({ ...ajvOptions(coerceTypes), logger: false }));
}
