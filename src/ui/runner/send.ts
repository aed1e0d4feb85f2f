/**
 * The send actions: the only code that makes a {@link Run}. Each reads the state it needs once, at
 * the moment the person acts, asks the one {@link sendDecision}, and either puts a new run on
 * screen or records why it did not. Nothing else starts a request, so a change of user, server or
 * draft can never send one.
 */
import type * as RunBuilder from '../../core/http/run';
import type { Run, RunPatch, RunTrigger } from '../../core/http/run';
import { trimServerUrl } from '../../core/http/server-url';
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
import { lazyModule } from '../lib/lazy-module';
import { useExplorerStore } from '../state';
import { cachedPage } from './page-cache';
import { queryClient } from './query-client';
import { transportFor } from './transport';
import { runQueryKey, type RunOutcome } from './useRunner';

let lastRunId = 0;

/**
 * The run builder brings the request preparation (the JSON-parameter encoding: ejson,
 * jsonc-parser), which the first screen does not need: it loads after the first paint
 * ({@link preloadRunBuilder}). A send made before it has loaded is decided and fixed at once (the
 * draft, user, transport and time of the click) and put on screen as soon as the builder is there.
 */
const runBuilder = lazyModule<typeof RunBuilder>(() => import('../../core/http/run'));

/** Starts loading the run builder (after the first paint), so a click does not wait for it. */
export function preloadRunBuilder(): Promise<unknown> {
  return runBuilder.load();
}

/**
 * Calls `build` with the run builder: at once when it has loaded, else when it has. Runs are put on
 * screen in the order they were asked for, since every pending one waits on the same load.
 */
function withBuilder(build: (builder: typeof RunBuilder) => Run | null): Promise<Run | null> {
  const loaded = runBuilder.current();
  if (loaded) return Promise.resolve(build(loaded));
  return runBuilder.load().then(build);
}

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

/**
 * What a send action did: `refused` (nothing sent; the refusal and its reasons are on screen, said
 * at once) or `sent`, with the run once it is built (at once unless the builder is still loading).
 */
export type SendResult = { refused: true } | { refused: false; run: Promise<Run | null> };

const REFUSED: SendResult = { refused: true };

/** Sends the draft being edited (Send, Send anyway, Ctrl/Cmd+Enter, Load and send). */
export function send(trigger: RunTrigger, options: { override?: boolean } = {}): SendResult {
  // Everything the run is made of is read now, at the click, not when the builder has loaded.
  const state = useExplorerStore.getState();
  const override = options.override === true;
  const decision = decide(state.draft, override);
  if (!decision.allowed) {
    refuse(trigger, decision);
    return REFUSED;
  }
  const server = trimServerUrl(state.draft.serverUrl);
  lastRunId += 1;
  const input: RunBuilder.RunInput = {
    id: lastRunId,
    trigger,
    draft: structuredClone(state.draft),
    transport: transportFor(state.transportMode, state.config),
    credentials: state.auth[server]?.credentials ?? null,
    username: state.auth[server]?.username ?? null,
    override,
    now: Date.now(),
  };
  const run = withBuilder(({ buildRun }) => start(buildRun(input)));
  return { refused: false, run };
}

/** Puts a built run on screen, unless a later one is already there (asked for after it). */
function start(run: Run): Run | null {
  const { run: current, actions } = useExplorerStore.getState();
  if (current && current.id > run.id) return null;
  actions.startRun(run);
  return run;
}

/**
 * "Send again, changed": an earlier run as it was sent, plus a patch (a page's offset/count, a 2FA
 * answer). The draft being edited is left alone; the response says which request it answers.
 */
export function resend(run: Run, patch: RunPatch, trigger: RunTrigger): Run | null {
  // An earlier run exists, so the builder that made it has loaded.
  const builder = runBuilder.current();
  if (!builder) throw new Error('resend() before any run was built');
  lastRunId += 1;
  const next = builder.patchRun(run, patch, { id: lastRunId, trigger, now: Date.now() });
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
