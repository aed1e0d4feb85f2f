/**
 * The request draft: everything a person has typed for one request, and nothing secret.
 * The store holds exactly this shape; permalinks, history and snippets are made from it.
 * Auth never lives here: credentials are attached at send time by the auth module.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export const HTTP_METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'DELETE'];

export type ResponseTab = 'tree' | 'table' | 'raw' | 'headers';

export interface RequestDraft {
  /** Base URL of the Rocket.Chat server, e.g. http://127.0.0.1:4100 (no trailing slash). */
  serverUrl: string;
  /** The catalog's label of the operation, `${method} ${path}` (e.g. 'GET /api/v1/users.list'); not an OpenAPI operationId. */
  operationLabel: string;
  method: HttpMethod;
  /** Path template, e.g. /api/v1/users.list or /api/apps/:id. */
  path: string;
  pathParams: Record<string, string>;
  /** Query-string parameters as typed (strings), excluding query/fields/sort. */
  params: Record<string, string>;
  /** Raw editor text of the MongoDB-style parameters; '' when unused. */
  jsonParams: { query: string; fields: string; sort: string };
  /** Raw JSON text of the body editor; '' when none. */
  body: string;
  /** Extra non-auth headers the person added. */
  headers: Record<string, string>;
  view: { tab: ResponseTab };
}

export function emptyDraft(serverUrl: string, method: HttpMethod = 'GET', path = '/api/info'): RequestDraft {
  return {
    serverUrl,
    operationLabel: `${method} ${path}`,
    method,
    path,
    pathParams: {},
    params: {},
    jsonParams: { query: '', fields: '', sort: '' },
    body: '',
    headers: {},
    view: { tab: 'raw' },
  };
}

/**
 * Whether two drafts ask for the same request: everything but `view`, which is how the answer is
 * looked at (switching from Raw to Table edits nothing that would be sent).
 */
export function sameRequest(a: RequestDraft, b: RequestDraft): boolean {
  const { view: _viewA, ...requestA } = a;
  const { view: _viewB, ...requestB } = b;
  return JSON.stringify(requestA) === JSON.stringify(requestB);
}
