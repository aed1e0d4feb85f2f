import { describe, expect, it } from 'vitest';
import { evalAllowedByPolicy } from './csp';

describe('evalAllowedByPolicy', () => {
  it('no policy, or a script-src with unsafe-eval, allows run-time compilation', () => {
    expect(evalAllowedByPolicy(null)).toBe(true);
    expect(evalAllowedByPolicy("default-src 'self'; script-src 'self' 'unsafe-eval'")).toBe(true);
    expect(evalAllowedByPolicy("img-src 'self'")).toBe(true);
  });
  it("script-src (or default-src) without 'unsafe-eval' forbids it", () => {
    expect(evalAllowedByPolicy("default-src 'self'; script-src 'self'; worker-src 'self' blob:")).toBe(false);
    expect(evalAllowedByPolicy("default-src 'self'")).toBe(false);
    expect(evalAllowedByPolicy("script-src 'unsafe-eval', script-src 'self'")).toBe(false);
  });
});
