import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normaliseReset, parseRateLimitHeaders, readHeader } from './headers';
import { isTooManyRequestsBody, parseTooManyRequests } from './too-many-requests';

const NOW = 1_780_000_000_000; // an epoch-ms value in 2026

describe('parseRateLimitHeaders', () => {
  it('reads Rocket.Chat headers from a real Headers object (epoch ms reset)', () => {
    const headers = new Headers({
      'X-RateLimit-Limit': '10',
      'x-ratelimit-remaining': '7',
      'X-RateLimit-Reset': String(NOW + 42_000),
    });
    expect(parseRateLimitHeaders(headers, NOW)).toEqual({
      kind: 'present',
      limit: 10,
      remaining: 7,
      resetAt: NOW + 42_000,
      resetUnit: 'epoch-ms',
    });
  });

  it('reads a plain record case-insensitively, joining array values', () => {
    const record = {
      'x-ratelimit-limit': '5',
      'X-RATELIMIT-REMAINING': ['0'],
      'x-ratelimit-reset': String(NOW),
    };
    expect(readHeader(record, 'X-RateLimit-Remaining')).toBe('0');
    expect(parseRateLimitHeaders(record, NOW)).toMatchObject({ kind: 'present', limit: 5, remaining: 0 });
  });

  it('reads [name, value] pairs as src/core/http keeps them', () => {
    const pairs: Array<[string, string]> = [
      ['x-ratelimit-limit', '10'],
      ['x-ratelimit-remaining', '2'],
      ['x-ratelimit-reset', String(NOW)],
    ];
    expect(parseRateLimitHeaders(pairs, NOW)).toMatchObject({
      kind: 'present',
      limit: 10,
      remaining: 2,
      resetAt: NOW,
    });
  });

  it('says absent when none of the three headers is there (limiter off, bypass or CORS)', () => {
    expect(parseRateLimitHeaders(new Headers({ 'content-type': 'application/json' }), NOW)).toEqual({
      kind: 'absent',
    });
  });

  it('says invalid, naming the header, when one is missing or not a number', () => {
    const result = parseRateLimitHeaders({ 'X-RateLimit-Limit': '10', 'X-RateLimit-Remaining': 'lots' }, NOW);
    expect(result).toMatchObject({ kind: 'invalid' });
    expect(result.kind === 'invalid' && result.reason).toBe(
      'X-RateLimit-Remaining, X-RateLimit-Reset missing or not a number',
    );
    expect(
      parseRateLimitHeaders(
        { 'X-RateLimit-Limit': '0x10', 'X-RateLimit-Remaining': '1', 'X-RateLimit-Reset': '' },
        NOW,
      ).kind,
    ).toBe('invalid');
  });

  it('tolerates epoch seconds and delta seconds, saying which it assumed', () => {
    expect(normaliseReset(1_780_000_042, NOW)).toEqual({ resetAt: 1_780_000_042_000, resetUnit: 'epoch-s' });
    expect(normaliseReset(42, NOW)).toEqual({ resetAt: NOW + 42_000, resetUnit: 'delta-s' });
    expect(normaliseReset(NOW, 0)).toEqual({ resetAt: NOW, resetUnit: 'epoch-ms' });
  });

  it('property: every epoch-ms reset after 2001 is kept as is; every epoch-s reset maps to the same instant in ms', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1e12, max: 4e12 }), (ms) => {
        expect(normaliseReset(ms, NOW)).toEqual({ resetAt: ms, resetUnit: 'epoch-ms' });
        const s = Math.floor(ms / 1000);
        expect(normaliseReset(s, NOW)).toEqual({ resetAt: s * 1000, resetUnit: 'epoch-s' });
      }),
    );
  });
});

describe('parseTooManyRequests', () => {
  const body = {
    success: false,
    error:
      'Error, too many requests. Please slow down. You must wait 42 seconds before trying this endpoint again. [error-too-many-requests]',
  };

  it('reads the wait from the parsed body and from the raw text', () => {
    expect(parseTooManyRequests(body)).toEqual({ waitSeconds: 42, source: 'body', message: body.error });
    expect(parseTooManyRequests(JSON.stringify(body))?.waitSeconds).toBe(42);
    expect(parseTooManyRequests(body.error.replace('42 seconds', '1 second'))?.waitSeconds).toBe(1);
    expect(isTooManyRequestsBody(body)).toBe(true);
  });

  it('falls back to Retry-After (seconds or date) and returns null when nothing says how long', () => {
    expect(parseTooManyRequests({ error: 'slow down' }, { 'Retry-After': '7' })).toMatchObject({
      waitSeconds: 7,
      source: 'retry-after',
    });
    const date = new Date(NOW + 30_000).toUTCString();
    expect(parseTooManyRequests('<html>', { 'Retry-After': date }, NOW)?.waitSeconds).toBe(30);
    expect(parseTooManyRequests({ error: 'Resource not found' })).toBeNull();
    expect(parseTooManyRequests(null)).toBeNull();
    expect(isTooManyRequestsBody({ error: 'Resource not found' })).toBe(false);
  });
});
