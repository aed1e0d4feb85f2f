import type { PreparedRequest, RequestFailure, ResponseRecord } from './types';
import { PROXY_ERROR_HEADER } from '../wire';
import { BodyTextBuilder, type BodyText } from './body-text';

export interface ExecuteOptions {
  signal?: AbortSignal;
  /** Called as body bytes arrive; `total` is from Content-Length when the server sent one. */
  onProgress?: (received: number, total: number | undefined) => void;
  /** Bytes kept of a body; the rest is counted but dropped so a huge answer cannot exhaust memory. */
  maxBodyBytes?: number;
  /** Injectable clock for tests. */
  now?: () => number;
  fetchImpl?: typeof fetch;
}

export const DEFAULT_MAX_BODY_BYTES = 512 * 1024 * 1024;

export class RequestFailedError extends Error {
  constructor(readonly failure: RequestFailure) {
    super(failure.message);
    this.name = 'RequestFailedError';
  }
}

function describeFetchError(error: unknown, prepared: PreparedRequest, signal?: AbortSignal): RequestFailure {
  if (signal?.aborted) {
    const reason: unknown = signal.reason;
    if (reason instanceof DOMException && reason.name === 'TimeoutError') {
      return {
        kind: 'timeout',
        message: `No answer from ${prepared.displayUrl} before the time limit.`,
        nextStep: 'Check that the server is up and reachable, then send again.',
      };
    }
    return {
      kind: 'aborted',
      message: 'The request was cancelled.',
      nextStep: 'Send it again when you are ready.',
    };
  }
  const detail = error instanceof Error ? error.message : String(error);
  if (prepared.transport.kind === 'direct') {
    return {
      kind: 'network',
      message: `The browser could not reach ${prepared.displayUrl} (${detail}).`,
      nextStep:
        'A direct call needs the server to be up and to allow this origin (Admin > General > REST API > Enable CORS). ' +
        'Start the explorer with `npm start -- --target <server URL>` to go through its proxy instead.',
    };
  }
  return {
    kind: 'network',
    message: `The explorer server did not answer (${detail}).`,
    nextStep: 'Check that `npm start` is still running, then send again.',
  };
}

function proxyErrorOf(response: Response, body: BodyText): ResponseRecord['proxyError'] {
  const code = response.headers.get(PROXY_ERROR_HEADER);
  if (!code) return undefined;
  const bodyText = body.text();
  try {
    const parsed = JSON.parse(bodyText) as { message?: unknown };
    return { code, message: typeof parsed.message === 'string' ? parsed.message : bodyText };
  } catch {
    return { code, message: bodyText };
  }
}

/** Sends a prepared request and reads the whole body as a stream, reporting progress. */
export async function executeRequest(
  prepared: PreparedRequest,
  options: ExecuteOptions = {},
): Promise<ResponseRecord> {
  const now = options.now ?? (() => performance.now());
  const fetchImpl = options.fetchImpl ?? fetch;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const startedAt = now();
  let response: Response;
  try {
    response = await fetchImpl(prepared.fetchUrl, {
      method: prepared.method,
      headers: prepared.headers,
      body: prepared.body,
      signal: options.signal,
      credentials: 'omit',
      cache: 'no-store',
      redirect: 'manual',
    });
  } catch (error) {
    throw new RequestFailedError(describeFetchError(error, prepared, options.signal));
  }
  const ttfbMs = now() - startedAt;
  const lengthHeader = response.headers.get('content-length');
  const total = lengthHeader !== null && /^\d+$/.test(lengthHeader) ? Number(lengthHeader) : undefined;

  const decoder = new TextDecoder();
  // Kept as parts: one flat string of a 41 MB body is a 180 ms copy on the main thread (body-text.ts).
  const parts = new BodyTextBuilder();
  let received = 0;
  let kept = 0;
  let truncated = false;
  try {
    const reader = response.body?.getReader();
    while (reader) {
      const { done, value } = await reader.read();
      if (done) break;
      received += value.byteLength;
      if (kept + value.byteLength <= maxBodyBytes) {
        parts.push(decoder.decode(value, { stream: true }));
        kept += value.byteLength;
      } else {
        truncated = true;
      }
      options.onProgress?.(received, total);
    }
    parts.push(decoder.decode());
  } catch (error) {
    throw new RequestFailedError(describeFetchError(error, prepared, options.signal));
  }
  const body = parts.finish();
  const headers: Array<[string, string]> = [];
  response.headers.forEach((value, name) => headers.push([name, value]));
  return {
    method: prepared.method,
    displayUrl: prepared.displayUrl,
    status: response.status,
    statusText: response.statusText,
    headers,
    body,
    sizeBytes: received,
    contentType: response.headers.get('content-type') ?? '',
    timings: { startedAt, ttfbMs, totalMs: now() - startedAt },
    transport: prepared.transport.kind,
    proxyError: proxyErrorOf(response, body),
    truncated,
  };
}
