import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream';
import { filterRawHeaders } from './proxy-request';

/**
 * The response side of the proxy: upstream answers that cannot be relayed faithfully are turned
 * into a 502 with the cause in words (before anything reaches the browser), and small answers are
 * held until they are complete, so one cut short also becomes a clear 502 rather than a truncated
 * 200. Large answers stream with back-pressure once they pass the hold limit.
 */

/** Bytes held before the response is committed and streamed. Large enough for almost every API answer. */
export const HOLD_LIMIT_BYTES = 64 * 1024;

/** Characters Node (and RFC 9110) refuse in a reason phrase or header value. */
const INVALID_FIELD_CHAR = /[^\t\x20-\x7e\x80-\xff]/;

export class BadUpstreamResponse extends Error {
  readonly code = 'EBADRESPONSE';
}

const printable = (text: string): string => JSON.stringify(text.slice(0, 60));

/** Why an upstream answer cannot be relayed, in words, or null when it can. */
export function responseProblem(res: IncomingMessage, method: string): string | null {
  const status = res.statusCode ?? 0;
  if (status === 101) return 'it answered 101 Switching Protocols, which the proxy does not forward';
  if (status < 200 || status > 599) {
    return `it answered with status ${String(status).padStart(3, '0')}, which is not a final HTTP status (200-599)`;
  }
  if (INVALID_FIELD_CHAR.test(res.statusMessage ?? '')) {
    return `its reason phrase ${printable(res.statusMessage ?? '')} contains a control character`;
  }
  for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) {
    if (INVALID_FIELD_CHAR.test(res.rawHeaders[i + 1]!)) {
      return `its header ${printable(res.rawHeaders[i]!)} contains a control character`;
    }
  }
  const length = res.headers['content-length'];
  const chunked = res.headers['transfer-encoding'] !== undefined;
  if (status === 204 && (chunked || (length !== undefined && length !== '0'))) {
    return 'it answered 204 No Content with a body';
  }
  if (method !== 'HEAD' && status !== 204 && status !== 304 && length === undefined && !chunked) {
    return (
      'it sent a body with neither Content-Length nor chunked framing (an HTTP/1.0-style answer ended by ' +
      'closing the connection), so an answer cut short could not be told from a whole one'
    );
  }
  return null;
}

export interface RelayOptions {
  method: string;
  /** Longest upstream silence, restored when the browser reads again. */
  idleTimeoutMs: number;
  /** Called when the answer fails before anything was sent to the browser. */
  fail(err: Error): void;
  /** Called when it fails after the browser got the status line: the connection must be cut. */
  cut(): void;
}

/** Relays one checked upstream response to the browser. */
export function relayResponse(upstreamRes: IncomingMessage, res: ServerResponse, opts: RelayOptions): void {
  const outHeaders = filterRawHeaders(upstreamRes.rawHeaders, () => false);
  const declared = upstreamRes.headers['content-length'];
  const chunks: Buffer[] = [];
  let held = 0;
  let committed = false;

  const writeHead = (): boolean => {
    try {
      res.writeHead(upstreamRes.statusCode!, upstreamRes.statusMessage, outHeaders);
      return true;
    } catch (err) {
      upstreamRes.destroy();
      opts.fail(
        new BadUpstreamResponse(`it sent a header that cannot be forwarded (${(err as Error).message})`),
      );
      return false;
    }
  };
  const onData = (chunk: Buffer): void => {
    chunks.push(chunk);
    held += chunk.length;
    if (held > HOLD_LIMIT_BYTES) stream();
  };
  const onEnd = (): void => {
    if (committed) return;
    committed = true;
    if (writeHead()) res.end(opts.method === 'HEAD' ? undefined : Buffer.concat(chunks));
  };
  const onClose = (): void => {
    if (committed || upstreamRes.complete) return;
    committed = true;
    opts.fail(
      new BadUpstreamResponse(
        declared === undefined
          ? `it closed the connection after ${held} bytes, before the end of its chunked body`
          : `it closed the connection after ${held} of the ${declared} body bytes its Content-Length announced`,
      ),
    );
  };
  function stream(): void {
    committed = true;
    upstreamRes.pause();
    upstreamRes.off('data', onData);
    upstreamRes.off('end', onEnd);
    if (!writeHead()) return;
    res.write(Buffer.concat(chunks));
    chunks.length = 0;
    pipeline(upstreamRes, res, (err) => {
      if (err) opts.cut();
    });
  }

  upstreamRes.on('data', onData);
  upstreamRes.on('end', onEnd);
  upstreamRes.on('close', onClose);
  // 'error' (an aborted body) is reported through 'close'; the listener keeps it from being thrown.
  upstreamRes.on('error', () => undefined);
  // The idle timeout measures the upstream's silence, not the browser's: while the browser is slow
  // to read (back-pressure pauses us), the upstream is quiet because we asked it to be.
  upstreamRes.on('pause', () => upstreamRes.socket?.setTimeout(0));
  upstreamRes.on('resume', () => upstreamRes.socket?.setTimeout(opts.idleTimeoutMs));
}
