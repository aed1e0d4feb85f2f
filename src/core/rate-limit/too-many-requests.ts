/**
 * Reading Rocket.Chat's 429 answer.
 *
 * Rocket.Chat sends no `Retry-After`; the wait is only in the error text:
 * `Error, too many requests. Please slow down. You must wait 42 seconds before trying this endpoint
 * again. [error-too-many-requests]`. We read the number from the text, and fall back to a
 * `Retry-After` header (seconds or HTTP date) for proxies or servers that do send one.
 */
import { readHeader, type HeadersLike } from './headers';

export const TOO_MANY_REQUESTS_CODE = 'error-too-many-requests';

export interface TooManyRequests {
  /** Whole or fractional seconds the server asked us to wait. */
  waitSeconds: number;
  /** Where the number came from, so the UI can say so. */
  source: 'body' | 'retry-after';
  /** The server's own message, for the alert. */
  message: string;
}

const WAIT_RE = /You must wait (\d+(?:\.\d+)?) seconds? before trying this endpoint again/i;

function messageOf(body: unknown): string | null {
  if (typeof body === 'string') {
    const trimmed = body.trim();
    if (trimmed.startsWith('{')) {
      try {
        return messageOf(JSON.parse(trimmed) as unknown);
      } catch {
        return trimmed;
      }
    }
    return trimmed;
  }
  if (body !== null && typeof body === 'object') {
    const record = body as Record<string, unknown>;
    for (const key of ['error', 'message', 'reason'] as const) {
      const value = record[key];
      if (typeof value === 'string') return value;
    }
  }
  return null;
}

/**
 * Extracts the wait from a 429 (or any) response.
 * @param body the parsed JSON body or the raw text.
 * @param headers optional, for a `Retry-After` fallback.
 * @param now epoch ms, only needed when `Retry-After` is an HTTP date.
 * @returns null when neither the text nor a header says how long to wait.
 */
export function parseTooManyRequests(
  body: unknown,
  headers?: HeadersLike,
  now?: number,
): TooManyRequests | null {
  const message = messageOf(body);
  const match = message === null ? null : WAIT_RE.exec(message);
  if (message !== null && match?.[1] !== undefined) {
    return { waitSeconds: Number(match[1]), source: 'body', message };
  }
  if (headers) {
    const retryAfter = readHeader(headers, 'Retry-After');
    if (retryAfter !== null) {
      const trimmed = retryAfter.trim();
      if (/^\d+(\.\d+)?$/.test(trimmed)) {
        return {
          waitSeconds: Number(trimmed),
          source: 'retry-after',
          message: message ?? `Retry-After: ${trimmed}`,
        };
      }
      const date = Date.parse(trimmed);
      if (Number.isFinite(date) && now !== undefined) {
        return {
          waitSeconds: Math.max(0, (date - now) / 1000),
          source: 'retry-after',
          message: message ?? `Retry-After: ${trimmed}`,
        };
      }
    }
  }
  return null;
}

/** True when the body carries Rocket.Chat's too-many-requests code (even without a number). */
export function isTooManyRequestsBody(body: unknown): boolean {
  const message = messageOf(body);
  return message !== null && message.includes(`[${TOO_MANY_REQUESTS_CODE}]`);
}
