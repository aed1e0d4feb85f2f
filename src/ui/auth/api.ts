import { executeRequest, RequestFailedError } from '../../core/http/execute';
import { prepareRequest } from '../../core/http/prepare';
import type {
  AuthCredentials,
  RequestFailure,
  ResponseRecord,
  Transport,
  TwoFactorAnswer,
} from '../../core/http/types';
import { emptyDraft, type HttpMethod } from '../../core/request/draft';

/**
 * One auth call (login, me, logout, token endpoints). It goes through the same two functions as
 * every request the runner sends (prepareRequest attaches the headers, executeRequest sends), so
 * the proxy, the headers and the failure words are identical; there is no second fetch path.
 */
export interface ApiCall {
  serverUrl: string;
  method: HttpMethod;
  path: string;
  params?: Record<string, string>;
  body?: unknown;
  credentials?: AuthCredentials;
  twoFactor?: TwoFactorAnswer;
  signal?: AbortSignal;
}

export type ApiOutcome =
  | { ok: true; response: ResponseRecord; body: unknown; requestHeaders: Record<string, string> }
  | { ok: false; failure: RequestFailure };

export type ApiCaller = (call: ApiCall) => Promise<ApiOutcome>;

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** A caller bound to a transport (the store's one in the app; direct in node tests). */
export function createApiCaller(getTransport: () => Transport, fetchImpl?: typeof fetch): ApiCaller {
  return async (call) => {
    const draft = {
      ...emptyDraft(call.serverUrl, call.method, call.path),
      params: call.params ?? {},
      body: call.body === undefined ? '' : JSON.stringify(call.body),
    };
    const prepared = prepareRequest(draft, getTransport(), call.credentials, call.twoFactor);
    try {
      const response = await executeRequest(prepared, {
        ...(call.signal ? { signal: call.signal } : {}),
        ...(fetchImpl ? { fetchImpl } : {}),
      });
      return { ok: true, response, body: parseBody(response.body.text()), requestHeaders: prepared.headers };
    } catch (error) {
      if (error instanceof RequestFailedError) return { ok: false, failure: error.failure };
      return {
        ok: false,
        failure: {
          kind: 'network',
          message: `The request could not be made: ${error instanceof Error ? error.message : String(error)}.`,
          nextStep: 'Check the server URL, then try again.',
        },
      };
    }
  };
}
