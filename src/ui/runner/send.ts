/**
 * The send actions: the only code that makes a {@link Run}. Each reads the state it needs once, at
 * the moment the person acts, asks the one {@link sendDecision}, and either puts a new run on
 * screen or records why it did not. Nothing else starts a request, so a change of user, server or
 * draft can never send one.
 */
import { buildRun, patchRun, type Run, type RunPatch, type RunTrigger } from '../../core/http/run';
import { trimServerUrl } from '../../core/http/prepare';
import type { RequestDraft } from '../../core/request/draft';
import { getWindow } from '../../core/rate-limit/model';
import { useCatalogStore, loadedValidation } from '../catalog';
import {
  editorChecks,
  budgetFact,
  requestChecks,
  sendDecision,
  type BudgetFact,
  type SendDecision,
} from '../request';
import { useRateLimitStore } from '../ratelimit';
import { useExplorerStore } from '../state';
import { cachedPage } from './page-cache';
import { queryClient } from './query-client';
import { transportFor } from './transport';
import { runQueryKey, type RunOutcome } from './useRunner';

let lastRunId = 0;

/** What the gauge knows of this route's budget right now. */
export function budgetOf(server: string, method: string, path: string, now = Date.now()): BudgetFact {
  const window = getWindow(useRateLimitStore.getState().book, server, method, path);
  const bypass = useExplorerStore.getState().auth[server]?.bypassesRateLimit === true;
  return budgetFact(window, now, bypass);
}

/** The decision for a draft, with the catalog's operation and the validation module as they are now. */
export function decide(draft: RequestDraft, override: boolean): SendDecision {
  const state = useExplorerStore.getState();
  const checks = requestChecks({
    draft,
    operation: useCatalogStore.getState().view?.byLabel.get(draft.operationLabel),
    validation: loadedValidation(),
    editor: editorChecks.current(),
    // Unparsed body fields belong to the draft being edited, not to an earlier run's copy.
    unparsedFields: draft === state.draft ? state.unparsedFields : {},
  });
  const server = trimServerUrl(draft.serverUrl);
  return sendDecision(checks, budgetOf(server, draft.method, draft.path), override);
}

function refuse(trigger: RunTrigger, decision: SendDecision): null {
  useExplorerStore.getState().actions.setRefusal({
    trigger,
    reasons: decision.reasons,
    overridable: decision.overridable,
    at: Date.now(),
  });
  return null;
}

/** Sends the draft being edited (Send, Send anyway, Ctrl/Cmd+Enter, Load and send). */
export function send(trigger: RunTrigger, options: { override?: boolean } = {}): Run | null {
  const state = useExplorerStore.getState();
  const override = options.override === true;
  const decision = decide(state.draft, override);
  if (!decision.allowed) return refuse(trigger, decision);
  const server = trimServerUrl(state.draft.serverUrl);
  lastRunId += 1;
  const run = buildRun({
    id: lastRunId,
    trigger,
    draft: state.draft,
    transport: transportFor(state.transportMode, state.config),
    credentials: state.auth[server]?.credentials ?? null,
    override,
    now: Date.now(),
  });
  state.actions.startRun(run);
  return run;
}

/**
 * "Send again, changed": an earlier run as it was sent, plus a patch (a page's offset/count, a 2FA
 * answer). The draft being edited is left alone; the response says which request it answers.
 */
export function resend(run: Run, patch: RunPatch, trigger: RunTrigger): Run | null {
  lastRunId += 1;
  const next = patchRun(run, patch, { id: lastRunId, trigger, now: Date.now() });
  // A page already seen is shown from memory: no call spent ("Refresh" asks the server again).
  const seen = trigger === 'page' ? cachedPage(next) : undefined;
  if (seen) {
    queryClient.setQueryData<RunOutcome>(runQueryKey(next), { run: next, response: seen, fromCache: true });
  } else {
    const decision = decide(next.draft, run.override);
    if (!decision.allowed) return refuse(trigger, decision);
  }
  useExplorerStore.getState().actions.startRun(next);
  return next;
}
