/**
 * Every link format ever shipped, oldest first. Each old version contributes one `up()` step to
 * the next; decoding walks the chain, so a v1 link becomes v2 and then whatever comes after.
 *
 * Adding version N+1: copy the wire type and `toDraft` of the current version into `vN+1.ts`,
 * change them, give `vN.ts` a `parse` + `up` that produce the vN+1 wire, register it here, and add
 * a real vN fixture string to the tests (kept forever).
 */
import * as v1 from './v1';
import * as v2 from './v2';
import type { Check } from '../validate';

export interface MigrationStep {
  /** The version this step reads. */
  from: number;
  /** Checks the shape of a payload of version `from`. */
  parse: (raw: unknown) => Check<unknown>;
  /** Turns a parsed payload of version `from` into the wire of version `from + 1`. */
  up: (parsed: never) => unknown;
}

export const CURRENT_VERSION = v2.VERSION;

export const MIGRATIONS: readonly MigrationStep[] = [
  { from: v1.VERSION, parse: v1.parse, up: v1.up as (p: never) => unknown },
];

export const OLDEST_VERSION = MIGRATIONS[0]?.from ?? CURRENT_VERSION;

export { v2 as current };
