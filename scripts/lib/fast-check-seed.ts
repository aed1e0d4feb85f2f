/**
 * Vitest global setup: one fast-check seed per unit-test run, printed once, so a property that
 * fails on some seed can be repeated (`FC_SEED=<seed> npm run test:unit`) and then kept as a fixed
 * case beside the property.
 */
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    fcSeed: number;
  }
}

export default function setup(project: TestProject): void {
  const given = Number(process.env.FC_SEED);
  const seed = Number.isInteger(given) ? given : Math.floor(Math.random() * 2 ** 31);
  console.log(`fast-check seed ${seed} (repeat with FC_SEED=${seed} npm run test:unit)`);
  project.provide('fcSeed', seed);
}
