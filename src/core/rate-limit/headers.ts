/**
 * Reading Rocket.Chat's rate-limit headers.
 *
 * Rocket.Chat (8.x, `ApiClass.ts`) sends `X-RateLimit-Limit`, `X-RateLimit-Remaining` and
 * `X-RateLimit-Reset` on every response of a limited route, successes included, and no
 * `Retry-After`. `X-RateLimit-Reset` is the **epoch milliseconds** of the window's end.
 *
 * Decision on other reset units (documented so the gauge never lies silently): other servers and
 * proxies put epoch *seconds* or *delta seconds* in a header of the same name. We classify by
 * magnitude, because no real epoch-milliseconds value of this century is below 1e12 and no
 * epoch-seconds value is below 1e9:
 * - `>= 1e12`  epoch milliseconds (Rocket.Chat), used as is;
 * - `>= 1e9`   epoch seconds, multiplied by 1000;
 * - otherwise  seconds from now (IETF RateLimit draft style), added to the receive time.
 * The chosen unit is returned as `resetUnit` so the UI can say when it guessed.
 */

/**
 * Anything with a case-insensitive `get`, like `Headers`; a plain record of header values; or a
 * list of `[name, value]` pairs (as `ResponseRecord.headers` in src/core/http keeps them).
 */
export type HeadersLike =
  | { get(name: string): string | null }
  | ReadonlyArray<readonly [string, string]>
  | Readonly<Record<string, string | readonly string[] | undefined>>;

/** Reads one header (case-insensitively) from any `HeadersLike`; repeated values are joined. */
export function readHeader(headers: HeadersLike, name: string): string | null {
  if (typeof (headers as { get?: unknown }).get === 'function') {
    return (headers as { get(name: string): string | null }).get(name);
  }
  if (Array.isArray(headers)) {
    const wanted = name.toLowerCase();
    const values = (headers as ReadonlyArray<readonly [string, string]>)
      .filter(([key]) => key.toLowerCase() === wanted)
      .map(([, value]) => value);
    return values.length === 0 ? null : values.join(', ');
  }
  const record = headers as Readonly<Record<string, string | readonly string[] | undefined>>;
  const wanted = name.toLowerCase();
  for (const key of Object.keys(record)) {
    if (key.toLowerCase() === wanted) {
      const value = record[key];
      if (value === undefined) return null;
      return typeof value === 'string' ? value : value.join(', ');
    }
  }
  return null;
}

export const RATE_LIMIT_HEADERS = {
  limit: 'X-RateLimit-Limit',
  remaining: 'X-RateLimit-Remaining',
  reset: 'X-RateLimit-Reset',
} as const;

/** How the reset header's number was interpreted (see the module comment). */
export type ResetUnit = 'epoch-ms' | 'epoch-s' | 'delta-s';

export type ParsedRateLimitHeaders =
  /** All three headers present and numeric. `resetAt` is epoch ms on the *server's* clock. */
  | { kind: 'present'; limit: number; remaining: number; resetAt: number; resetUnit: ResetUnit }
  /** None of the three headers: the limiter is off, bypassed, or the browser hides them (CORS). */
  | { kind: 'absent' }
  /** Some headers present but missing or not numbers: shown as such rather than guessed. */
  | {
      kind: 'invalid';
      reason: string;
      raw: { limit: string | null; remaining: string | null; reset: string | null };
    };

const EPOCH_MS_MIN = 1e12;
const EPOCH_S_MIN = 1e9;

/** Converts a reset header number to epoch ms; `receivedAt` anchors delta-seconds values. */
export function normaliseReset(value: number, receivedAt: number): { resetAt: number; resetUnit: ResetUnit } {
  if (value >= EPOCH_MS_MIN) return { resetAt: value, resetUnit: 'epoch-ms' };
  if (value >= EPOCH_S_MIN) return { resetAt: value * 1000, resetUnit: 'epoch-s' };
  return { resetAt: receivedAt + value * 1000, resetUnit: 'delta-s' };
}

function toNumber(text: string | null): number | null {
  if (text === null) return null;
  const trimmed = text.trim();
  // Only plain decimal numbers: `Number('')` is 0 and `Number('0x10')` is 16, both wrong here.
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return null;
  return Number(trimmed);
}

/**
 * Parses the three `X-RateLimit-*` headers.
 * @param receivedAt epoch ms when the response arrived; only used for delta-seconds resets.
 */
export function parseRateLimitHeaders(headers: HeadersLike, receivedAt: number): ParsedRateLimitHeaders {
  const raw = {
    limit: readHeader(headers, RATE_LIMIT_HEADERS.limit),
    remaining: readHeader(headers, RATE_LIMIT_HEADERS.remaining),
    reset: readHeader(headers, RATE_LIMIT_HEADERS.reset),
  };
  if (raw.limit === null && raw.remaining === null && raw.reset === null) return { kind: 'absent' };
  const limit = toNumber(raw.limit);
  const remaining = toNumber(raw.remaining);
  const reset = toNumber(raw.reset);
  if (limit === null || remaining === null || reset === null) {
    const bad = (['limit', 'remaining', 'reset'] as const).filter((k) => toNumber(raw[k]) === null);
    return {
      kind: 'invalid',
      reason: `X-RateLimit-${bad.map((k) => k[0]!.toUpperCase() + k.slice(1)).join(', X-RateLimit-')} missing or not a number`,
      raw,
    };
  }
  return { kind: 'present', limit, remaining, ...normaliseReset(reset, receivedAt) };
}

/**
 * Parses an HTTP `Date` header to epoch ms (1-second resolution), or null.
 * Used to estimate the server's clock so a reset time on the server's clock can be mapped to ours.
 */
export function parseDateHeader(headers: HeadersLike): number | null {
  const text = readHeader(headers, 'Date');
  if (text === null) return null;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : null;
}
