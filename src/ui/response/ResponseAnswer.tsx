/**
 * The answer part of the Response pane: progress, status line, which request it answers, problems,
 * the auth diagnosis, paging, fetch-all and the views. Not in the first load (issue 14): nothing of
 * it shows before a run, and ResponsePane.tsx preloads it once an operation is chosen or a run starts.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Run } from '../../core/http/run';
import { sentAs } from '../../core/http/sent-as';
import { statusLine } from '../../core/http/status-text';
import type { ResponseRecord } from '../../core/http/types';
import { sameRequest } from '../../core/request/draft';
import type { FetchAllResult } from '../../core/pagination/fetch-all';
import { loadAuthDiagnosis } from '../auth';
import { lazyComponent, useLazySettled } from '../lib/lazy-component';
import { useSelectedOperation } from '../catalog';
import { TooManyRequestsAlert, useNow } from '../ratelimit';
import { useRunProgress, resend, type RunOutcome, type RunView } from '../runner';
import { useExplorerStore } from '../state';
import { formatBytes, formatMs, receivedAtOf } from './format';
import { PaginationBar } from './PaginationBar';
import { ResponseProblems } from './ResponseProblems';
import { routeOf } from './route-of';
import { useResponseDoc } from './useResponseDoc';
import './response-answer.css';
import { BodyText } from '../../core/http/body-text';

// Shown only once there is a response: loaded after the first paint (issue 14, first load).
const AuthDiagnosis = lazyComponent(loadAuthDiagnosis);
const FetchAll = lazyComponent(() => import('./FetchAll').then((m) => m.FetchAll));
const ResponseViews = lazyComponent(() => import('./ResponseViews').then((m) => m.ResponseViews));

/** Fetches the answer's own lazy parts while the request is on its way (nothing pops in later). */
export function preloadAnswerParts(): void {
  ResponseViews.preload();
  FetchAll.preload();
  AuthDiagnosis.preload();
}

/** The answer on screen with its run: the finished one, or the previous one while the next loads or after a cancel. */
function shownOutcome(view: RunView): RunOutcome | undefined {
  if (view.phase === 'done') return view.outcome;
  if (view.phase === 'pending' || view.phase === 'cancelled') return view.previous;
  return undefined;
}

const CHANGED_RUN: Partial<Record<Run['trigger'], string>> = {
  page: 'another page of an earlier request',
  resend: 'an earlier request sent again',
  'two-factor': 'an earlier request sent again with a two-factor code',
};

function DownloadProgress() {
  const received = useRunProgress((state) => state.received);
  const total = useRunProgress((state) => state.total);
  const startedAt = useRunProgress((state) => state.startedAt);
  const now = useNow(true, 250);
  const percent =
    total !== undefined && total > 0 ? Math.min(100, Math.floor((received / total) * 100)) : null;
  return (
    <div className="download-progress">
      <p role="status" aria-label="Status" className="status pending">
        Sending…{startedAt !== null ? ` ${formatMs(Math.max(0, now - startedAt))} ·` : ''}{' '}
        {received > 0
          ? `${formatBytes(received)} received${total !== undefined ? ` of ${formatBytes(total)}` : ''}${percent !== null ? ` (${percent}%)` : ''}`
          : 'waiting for the first byte'}
      </p>
      {received > 0 ? (
        <progress aria-label="Download progress" value={percent ?? undefined} max={100} />
      ) : null}
    </div>
  );
}

/** Which request the answer belongs to, and a way back to editing it when the draft has moved on. */
function RequestOfAnswer({ run, fromCache }: { run: Run; fromCache: boolean }) {
  // Not the view tab: looking at the answer as a table is not editing the request.
  const edited = useExplorerStore((state) => !sameRequest(state.draft, run.draft));
  const loadDraft = useExplorerStore((state) => state.actions.loadDraft);
  const changed = CHANGED_RUN[run.trigger];
  return (
    <p className="muted request-of-answer">
      Sent {sentAs(run)}
      {changed ? ` · ${changed}` : ''}
      {fromCache ? (
        <>
          {' '}
          · shown from the explorer’s memory of pages already seen, no call spent.{' '}
          <button type="button" className="auth-link" onClick={() => resend(run, {}, 'resend')}>
            Refresh
          </button>
        </>
      ) : null}
      {edited ? (
        <>
          {' '}
          · the request being edited differs.{' '}
          <button type="button" className="auth-link" onClick={() => loadDraft(structuredClone(run.draft))}>
            Edit this request
          </button>
        </>
      ) : null}
    </p>
  );
}

function StatusLine({ response }: { response: ResponseRecord }) {
  return (
    <>
      <p role="status" aria-label="Status" className={`status status-${Math.floor(response.status / 100)}xx`}>
        <strong>{statusLine(response.status, response.statusText)}</strong>
        <span className="muted">
          {' '}
          · {formatMs(response.timings.totalMs)} total · first byte {formatMs(response.timings.ttfbMs)} ·{' '}
          {formatBytes(response.sizeBytes)}
        </span>
      </p>
      <p className="muted url">
        {response.method} <code>{response.displayUrl}</code>
        {response.transport === 'direct' ? ' (direct from the browser)' : ' (through the explorer proxy)'}
      </p>
    </>
  );
}

/** Fetch-all's merged items, shown in the viewer as a document of their own. */
interface MergedView {
  /** The answer it was made beside: a new answer ends the view. */
  of: ResponseRecord;
  record: ResponseRecord;
  items: number;
  pages: number;
}

function mergedView(of: ResponseRecord, result: FetchAllResult): MergedView {
  const bodyText = JSON.stringify({ [result.listField ?? 'items']: result.items });
  return {
    of,
    items: result.items.length,
    pages: result.pages,
    // Not an answer of the server: no status line of its own and no headers.
    record: {
      ...of,
      headers: [],
      body: BodyText.of(bodyText),
      // Nothing shows a local view's size; its length in characters spares encoding megabytes.
      sizeBytes: bodyText.length,
      contentType: 'application/json',
      truncated: false,
    },
  };
}

/** Everything the pane shows about a run (not idle): the answer with the request it answers. */
export function ResponseAnswer({ view }: { view: Exclude<RunView, { phase: 'idle' }> }) {
  const outcome = shownOutcome(view);
  const response = outcome?.response;
  // The run whose answer is on screen (while the next loads, the previous one).
  const sent = outcome?.run ?? null;
  const doc = useResponseDoc(response);
  const [merged, setMerged] = useState<MergedView | null>(null);
  const viewing = merged !== null && merged.of === response ? merged : null;
  const mergedDoc = useResponseDoc(viewing?.record, 'local');
  const summary = doc.status === 'ready' && doc.response === response ? doc.summary : null;
  // Paging keeps the last parsed page's numbers while the next answer is parsed (no flicker).
  const pagingSummary = doc.status === 'ready' ? doc.summary : null;
  // Paging shows for list envelopes (numeric count, offset and total), and for any list answer of
  // an operation the catalog knows takes offset/count.
  const operation = useSelectedOperation(sent?.draft.operationLabel ?? '');
  const resendShown = useCallback(() => {
    if (sent) resend(sent, {}, 'resend');
  }, [sent]);
  const busy = view.phase === 'pending';
  const page = pagingSummary?.page ?? (operation?.paginated ? (pagingSummary?.listPage ?? null) : null);
  // A paginated answer still being parsed gets its pager's room now, so the tabs under it do not
  // jump (and a click meant for a tab does not land on what moved there). So does one whose
  // Fetch all code is still on its way (a loaded machine): pager and Fetch all then come together.
  const fetchAllSettled = useLazySettled(FetchAll);
  const pagerPending =
    (page === null && operation?.paginated === true && doc.status === 'parsing') ||
    (page !== null && !fetchAllSettled);
  useEffect(() => {
    // Fetch the answer's views while the request is on its way: nothing pops in above the tabs later.
    if (busy) preloadAnswerParts();
  }, [busy]);

  return (
    <>
      {view.phase === 'pending' ? <DownloadProgress /> : null}
      {view.phase === 'cancelled' ? (
        <p role="status" aria-label="Status" className="status cancelled">
          <strong>Cancelled</strong>
          <span className="muted">
            {' '}
            · the request was stopped before its answer arrived
            {view.previous ? '; the previous answer is shown below' : ''}. Send it again when you are ready.
          </span>
        </p>
      ) : null}
      {view.phase === 'failed' ? (
        <div role="alert" className="alert error">
          <p>{view.failure.message}</p>
          <p>{view.failure.nextStep}</p>
        </div>
      ) : null}
      {view.phase === 'done' ? <StatusLine response={view.outcome.response} /> : null}
      {sent ? <RequestOfAnswer run={sent} fromCache={outcome?.fromCache === true} /> : null}
      {response ? (
        <>
          {view.phase === 'done' && response.status === 429 && sent ? (
            <TooManyRequestsAlert
              response={response}
              route={routeOf(sent.draft)}
              receivedAt={receivedAtOf(response)}
              resend={resendShown}
            />
          ) : null}
          {view.phase === 'done' ? <ResponseProblems response={response} summary={summary} /> : null}
          {sent ? <AuthDiagnosis run={sent} response={response} /> : null}
          {pagerPending ? <div className="pager-placeholder" aria-hidden="true" /> : null}
          {page && sent && fetchAllSettled ? (
            <>
              <PaginationBar run={sent} page={page} busy={busy || summary === null} />
              <FetchAll
                key={`${sent.serverUrl} ${sent.draft.operationLabel}`}
                run={sent}
                response={response}
                page={page}
                listField={pagingSummary?.listField ?? null}
                onView={(result) => setMerged(mergedView(response, result))}
              />
            </>
          ) : null}
          {viewing ? (
            <div className="merged-view-note" role="status">
              <p>
                Viewing the {viewing.items} items of {viewing.pages} {viewing.pages === 1 ? 'page' : 'pages'},
                put together in the explorer: not one answer of the server.
              </p>
              <button type="button" onClick={() => setMerged(null)}>
                Back to the answer
              </button>
            </div>
          ) : null}
          {viewing ? (
            <ResponseViews response={viewing.record} doc={mergedDoc} />
          ) : (
            <ResponseViews response={response} doc={doc} />
          )}
        </>
      ) : null}
    </>
  );
}
