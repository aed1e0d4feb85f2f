/**
 * A run: one request the person asked for, fixed when they asked. Everything the request needs
 * (the draft as sent, the server, the transport, who it is sent as, the 2FA answer, the prepared
 * headers) is decided here, once, so nothing about a run is read later from live state and no
 * state change can make the explorer send again on its own.
 */
import { maskSecret, isAuthHeader } from '../redact';
import type { RequestDraft } from '../request/draft';
import { prepareRequest, trimServerUrl } from './prepare';
import type { AuthCredentials, PreparedRequest, Transport, TwoFactorAnswer } from './types';

/** What made the run: the Send button, the shortcut, or an action on an earlier run. */
export type RunTrigger = 'button' | 'shortcut' | 'history' | 'resend' | 'page' | 'two-factor';

export interface Run {
  /** Unique per run: the runner's query key derives from it, so only a new run sends. */
  id: number;
  trigger: RunTrigger;
  /** The draft as sent (a copy: later edits of the draft do not reach it). */
  draft: RequestDraft;
  serverUrl: string;
  transport: Transport;
  /** Kept in memory only, so "send again, changed" goes out as the same user. */
  credentials: AuthCredentials | null;
  userId: string | null;
  /** The signed-in user's name at Send, when the explorer knew it (for "Sent as demo"). */
  username: string | null;
  twoFactor: TwoFactorAnswer | null;
  /** Exactly what goes on the wire, real header values included (memory only). */
  prepared: PreparedRequest;
  /** The same headers with every credential masked, for display. */
  maskedHeaders: Record<string, string>;
  /** Sent with "Send anyway" past held-back checks; changed copies inherit it. */
  override: boolean;
  /** The run this one was made from (resend, page, 2FA retry), or null. */
  parentId: number | null;
  createdAt: number;
}

export interface RunInput {
  id: number;
  trigger: RunTrigger;
  draft: RequestDraft;
  transport: Transport;
  credentials?: AuthCredentials | null;
  username?: string | null;
  twoFactor?: TwoFactorAnswer | null;
  override?: boolean;
  parentId?: number | null;
  now: number;
}

/** "Send again, changed": query-string values to set, or a 2FA answer to add. */
export interface RunPatch {
  params?: Record<string, string>;
  twoFactor?: TwoFactorAnswer;
}

export function maskHeaders(headers: Record<string, string>): Record<string, string> {
  const masked: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    masked[name] = isAuthHeader(name) && value !== '' ? maskSecret(value) : value;
  }
  return masked;
}

/** The one place a run is made: pure, so what a run sends can be tested without a browser. */
export function buildRun(input: RunInput): Run {
  const draft = structuredClone(input.draft);
  const credentials = input.credentials ?? null;
  const twoFactor = input.twoFactor ?? null;
  const prepared = prepareRequest(draft, input.transport, credentials ?? undefined, twoFactor ?? undefined);
  return {
    id: input.id,
    trigger: input.trigger,
    draft,
    serverUrl: trimServerUrl(draft.serverUrl),
    transport: input.transport,
    credentials,
    userId: credentials?.userId ?? null,
    username: credentials ? (input.username ?? null) : null,
    twoFactor,
    prepared,
    maskedHeaders: maskHeaders(prepared.headers),
    override: input.override ?? false,
    parentId: input.parentId ?? null,
    createdAt: input.now,
  };
}

/**
 * A new run from an earlier one with a change: same server, transport and user, the draft as it
 * was sent plus the patch. The 2FA answer is never carried over (a code is single use).
 */
export function patchRun(
  run: Run,
  patch: RunPatch,
  next: { id: number; trigger: RunTrigger; now: number },
): Run {
  const draft: RequestDraft = patch.params
    ? { ...run.draft, params: { ...run.draft.params, ...patch.params } }
    : run.draft;
  return buildRun({
    id: next.id,
    trigger: next.trigger,
    draft,
    transport: run.transport,
    credentials: run.credentials,
    username: run.username,
    twoFactor: patch.twoFactor ?? null,
    override: run.override,
    parentId: run.id,
    now: next.now,
  });
}

export { sentAs } from './sent-as';
