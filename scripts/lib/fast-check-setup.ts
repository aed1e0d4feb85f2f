/** Every property test of the run uses the seed chosen (and printed) by fast-check-seed.ts. */
import fc from 'fast-check';
import { inject } from 'vitest';

fc.configureGlobal({ seed: inject('fcSeed') });
