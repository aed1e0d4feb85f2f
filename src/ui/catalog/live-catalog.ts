/**
 * Reads what the connected server says about itself: its version (`/api/info`, anonymous) and,
 * on 7.5+, its own OpenAPI description (`/api/docs/json?withUndocumented=true`). Both go through
 * the same transport as requests (prepareRequest + executeRequest), so the proxy's allow-list and
 * its errors apply here too. No credentials are attached: both routes are public.
 */
import { emptyDraft } from '../../core/request/draft';
import { prepareRequest } from '../../core/http/prepare';
import { executeRequest, RequestFailedError } from '../../core/http/execute';
import type { ResponseRecord, Transport } from '../../core/http/types';
import { OpenApiError, parseOpenApi } from '../../core/catalog/openapi';
import { compareVersions, DOCS_JSON_SINCE } from '../../core/catalog/live';
import type { Operation } from '../../core/catalog/types';

export interface LiveCatalog {
  serverUrl: string;
  /** `8.1.0`, or undefined when /api/info could not be read. */
  version?: string;
  /** Why the version is unknown, in words. */
  infoError?: string;
  /** Operations the server describes, when it offers /api/docs/json. */
  operations?: Operation[];
  /** `absent`: the server has no /api/docs/json (before 7.5); `error`: it could not be read or used. */
  docs: 'ok' | 'absent' | 'error';
  docsError?: string;
}

const MAX_DOCS_BYTES = 32 * 1024 * 1024;

async function get(
  serverUrl: string,
  path: string,
  params: Record<string, string>,
  transport: Transport,
  signal: AbortSignal,
): Promise<ResponseRecord> {
  const draft = { ...emptyDraft(serverUrl, 'GET', path), params };
  return executeRequest(prepareRequest(draft, transport), { signal, maxBodyBytes: MAX_DOCS_BYTES });
}

/** A failed read in words: the proxy's own message, the HTTP status, or the network failure. */
export function describeReadError(what: string, error: unknown, response?: ResponseRecord): string {
  if (response?.proxyError) return `${what}: ${response.proxyError.message}`;
  if (response)
    return `${what}: the server answered ${response.status} ${response.statusText}.`.replace(/ \./, '.');
  if (error instanceof RequestFailedError)
    return `${what}: ${error.failure.message} ${error.failure.nextStep}`;
  return `${what}: ${error instanceof Error ? error.message : String(error)}`;
}

function versionOf(bodyText: string): string | undefined {
  try {
    const body = JSON.parse(bodyText) as { version?: unknown; info?: { version?: unknown } };
    if (typeof body.version === 'string') return body.version;
    if (typeof body.info?.version === 'string') return body.info.version;
  } catch {
    // not JSON: fall through
  }
  return undefined;
}

/**
 * Version first, then (unless the version says the server predates it) the description. Never
 * throws for what a server answers; every problem becomes a sentence in `infoError`/`docsError`.
 */
export async function readLiveCatalog(
  serverUrl: string,
  transport: Transport,
  signal: AbortSignal,
): Promise<LiveCatalog> {
  const result: LiveCatalog = { serverUrl, docs: 'error' };
  try {
    const response = await get(serverUrl, '/api/info', {}, transport, signal);
    const version = response.status === 200 ? versionOf(response.body.text()) : undefined;
    if (version) result.version = version;
    else if (response.status === 200)
      result.infoError = 'The server version is unknown: /api/info did not return a version.';
    else result.infoError = describeReadError('Could not read /api/info', undefined, response);
    if (response.proxyError) {
      // The proxy refused or could not reach the server: asking again for the docs would only repeat it.
      return result;
    }
  } catch (error) {
    if (signal.aborted) throw error;
    result.infoError = describeReadError('Could not reach the server', error);
    return result;
  }
  if (result.version && compareVersions(result.version, DOCS_JSON_SINCE) < 0) {
    result.docs = 'absent';
    return result;
  }
  try {
    const response = await get(serverUrl, '/api/docs/json', { withUndocumented: 'true' }, transport, signal);
    if (response.status === 404 && !response.proxyError) {
      result.docs = 'absent';
    } else if (response.status !== 200) {
      result.docsError = describeReadError('Could not read /api/docs/json', undefined, response);
    } else if (response.truncated) {
      result.docsError = 'The server description (/api/docs/json) is too large to use.';
    } else {
      result.operations = parseOpenApi(response.body.text(), 'this server', 'server').operations;
      result.docs = 'ok';
    }
  } catch (error) {
    if (signal.aborted) throw error;
    result.docsError =
      error instanceof OpenApiError
        ? `The server's /api/docs/json is not a usable OpenAPI document: ${error.message}`
        : describeReadError('Could not read /api/docs/json', error);
  }
  return result;
}
