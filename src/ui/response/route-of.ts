import { trimServerUrl } from '../../core/http/server-url';
import type { RouteRef } from '../ratelimit';

/** The rate-limit route a draft is sent on. */
export function routeOf(draft: { serverUrl: string; method: string; path: string }): RouteRef {
  return { server: trimServerUrl(draft.serverUrl), method: draft.method, path: draft.path };
}
