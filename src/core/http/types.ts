import type { HttpMethod } from '../request/draft';
import type { BodyText } from './body-text';

/** How a request reaches the Rocket.Chat server. */
export type Transport =
  /** Through the explorer server's same-origin proxy: every header readable, 2FA headers allowed. */
  | { kind: 'proxy'; proxyPath: string }
  /** Straight from the browser: needs CORS on the server; X-RateLimit-* are hidden by the browser. */
  | { kind: 'direct' };

/** Credentials for one server; attached to requests only by `prepareRequest`. */
export interface AuthCredentials {
  userId: string;
  authToken: string;
}

export interface TwoFactorAnswer {
  code: string;
  method: string;
}

/** A request ready for fetch. `displayUrl` is the Rocket.Chat URL a person would call (never holds a secret). */
export interface PreparedRequest {
  method: HttpMethod;
  fetchUrl: string;
  displayUrl: string;
  headers: Record<string, string>;
  body: string | undefined;
  transport: Transport;
}

export interface ResponseTimings {
  startedAt: number;
  /** Milliseconds until the status line and headers arrived. */
  ttfbMs: number;
  /** Milliseconds until the last byte of the body. */
  totalMs: number;
}

/** What came back, as received: the raw body text is kept, parsing happens in the viewer. */
export interface ResponseRecord {
  method: HttpMethod;
  displayUrl: string;
  status: number;
  statusText: string;
  headers: Array<[string, string]>;
  /** The body as decoded, in parts; `body.text()` joins them (see body-text.ts for why they are kept apart). */
  body: BodyText;
  sizeBytes: number;
  contentType: string;
  timings: ResponseTimings;
  transport: Transport['kind'];
  /** Set when the explorer's proxy itself answered (target not allowed, upstream down, ...). */
  proxyError?: { code: string; message: string };
  /** True when the body was cut at the size cap; the viewer says so. */
  truncated: boolean;
}

/** A request that produced no HTTP response at all. */
export interface RequestFailure {
  kind: 'network' | 'aborted' | 'timeout' | 'too-large';
  message: string;
  nextStep: string;
}
