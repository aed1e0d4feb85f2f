/**
 * Makes a draft safe to leave the tab: every secret replaced by a placeholder, using the one
 * definition of "secret" in src/core/redact. Applied when encoding a link AND when decoding one,
 * so a hand-made link cannot smuggle a token into someone's request (a link carrying
 * `X-Auth-Token: <attacker's token>` would otherwise make the victim act as the attacker).
 */
import type { RequestDraft } from '../request/draft';
import {
  redactHeaders,
  redactJsonText,
  redactRecord,
  scrubKnownSecrets,
  type RedactOptions,
} from '../redact';
import { isProxyControlHeader } from '../wire';

export interface SanitizeOptions {
  /** Tokens, user IDs and passwords the app holds in memory: scrubbed wherever they appear. */
  knownSecrets?: readonly string[];
}

function stripUserInfo(serverUrl: string): string {
  try {
    const url = new URL(serverUrl);
    if (url.username === '' && url.password === '') return serverUrl;
    url.username = '';
    url.password = '';
    return url.toString().replace(/\/+$/, '');
  } catch {
    return serverUrl;
  }
}

/**
 * Headers that steer the explorer's proxy (`X-Explorer-Target` in any casing) never travel in a
 * link: a link carrying one could send the signed-in person's token to another allowed server
 * while the page still shows the server they chose.
 */
function withoutControlHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (!isProxyControlHeader(name)) out[name] = value;
  return out;
}

export function sanitizeDraft(draft: RequestDraft, options: SanitizeOptions = {}): RequestDraft {
  const opts: RedactOptions = {
    style: 'placeholder',
    path: draft.path,
    knownSecrets: options.knownSecrets ?? [],
  };
  return {
    ...draft,
    serverUrl: stripUserInfo(draft.serverUrl),
    pathParams: redactRecord(draft.pathParams, opts),
    params: redactRecord(draft.params, opts),
    jsonParams: {
      query: redactJsonText(draft.jsonParams.query, opts),
      fields: redactJsonText(draft.jsonParams.fields, opts),
      sort: redactJsonText(draft.jsonParams.sort, opts),
    },
    body: redactJsonText(draft.body, opts),
    headers: redactHeaders(withoutControlHeaders(draft.headers), opts),
    view: { tab: draft.view.tab },
    ...(scrubKnownSecrets(draft.path, opts) !== draft.path
      ? { path: scrubKnownSecrets(draft.path, opts) }
      : {}),
  };
}
