import { describe, expect, it } from 'vitest';
import { connectAllowedByPolicy, evalAllowedByPolicy } from './csp';

const EXPLORER =
  "default-src 'self'; script-src 'self'; worker-src 'self' blob:; connect-src 'self' http://127.0.0.1:4100; object-src 'none'";

describe('evalAllowedByPolicy', () => {
  it('no policy, or a script-src with unsafe-eval, allows run-time compilation', () => {
    expect(evalAllowedByPolicy(null)).toBe(true);
    expect(evalAllowedByPolicy("default-src 'self'; script-src 'self' 'unsafe-eval'")).toBe(true);
    expect(evalAllowedByPolicy("img-src 'self'")).toBe(true);
  });
  it("script-src (or default-src) without 'unsafe-eval' forbids it", () => {
    expect(evalAllowedByPolicy(EXPLORER)).toBe(false);
    expect(evalAllowedByPolicy("default-src 'self'")).toBe(false);
    expect(evalAllowedByPolicy("script-src 'unsafe-eval', script-src 'self'")).toBe(false);
  });
});

describe('connectAllowedByPolicy', () => {
  const page = 'http://127.0.0.1:4000';
  it('allows the page itself and the listed origins only', () => {
    expect(connectAllowedByPolicy(EXPLORER, '/proxy/api/info', page)).toBe(true);
    expect(connectAllowedByPolicy(EXPLORER, 'http://127.0.0.1:4100/api/info', page)).toBe(true);
    expect(connectAllowedByPolicy(EXPLORER, 'http://127.0.0.1:4101/api/info', page)).toBe(false);
    expect(connectAllowedByPolicy(EXPLORER, 'https://raw.githubusercontent.com/x/rooms.yaml', page)).toBe(
      false,
    );
  });
  it('understands schemes, wildcards and a missing policy', () => {
    expect(connectAllowedByPolicy(null, 'https://example.com/a', page)).toBe(true);
    expect(connectAllowedByPolicy('connect-src https:', 'https://example.com/a', page)).toBe(true);
    expect(
      connectAllowedByPolicy(
        'connect-src *.githubusercontent.com',
        'https://raw.githubusercontent.com/a',
        page,
      ),
    ).toBe(true);
    expect(
      connectAllowedByPolicy(
        'connect-src https://raw.githubusercontent.com',
        'http://raw.githubusercontent.com/a',
        page,
      ),
    ).toBe(false);
    expect(connectAllowedByPolicy("default-src 'none'", `${page}/x`, page)).toBe(false);
  });
});
