import { useEffect, useRef, useState } from 'react';
import { executeRequest } from '../../core/http/execute';
import { prepareRequest } from '../../core/http/prepare';
import type { Run } from '../../core/http/run';
import type { ResponseRecord } from '../../core/http/types';
import type { PageNumbers } from '../../core/pagination/arithmetic';
import {
  fetchAllPages,
  type FetchAllProgress,
  type FetchAllResult,
  type PageResponse,
} from '../../core/pagination/fetch-all';
import { getWindow, headerReachOf } from '../../core/rate-limit/model';
import { useRateLimitStore } from '../ratelimit';
import { useExplorerStore } from '../state';
import { ExportButtons } from './ExportButtons';
import { formatEstimate, receivedAtOf } from './format';
import { pagingOf } from './paging';

/** Page size for fetch-all when the request asked for everything (count=0) or for nothing. */
const FETCH_ALL_DEFAULT_PAGE = 100;

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * Runs a fetch-all of the run on screen: its draft, server, transport and user as they were sent,
 * through the same prepareRequest/executeRequest path (auth is attached there and only there),
 * paced by the route's rate-limit window.
 */
async function runFetchAll(
  run: Run,
  shown: { page: PageNumbers; response: ResponseRecord },
  pageSize: number,
  listField: string | null,
  signal: AbortSignal,
  onProgress: (progress: FetchAllProgress) => void,
): Promise<FetchAllResult> {
  const { draft, serverUrl: server, transport } = run;
  const user = useExplorerStore.getState().auth[server];
  const book = useRateLimitStore.getState();
  let reused = false;
  return fetchAllPages({
    pageSize,
    startOffset: 0,
    ...(listField ? { listField } : {}),
    signal,
    onProgress,
    onObservation: (observation) => useRateLimitStore.getState().record(observation),
    rateLimit: {
      server,
      method: draft.method,
      path: draft.path,
      transport: headerReachOf(transport.kind, server, location.origin),
      bypass: user?.bypassesRateLimit === true,
      initial: getWindow(book.book, server, draft.method, draft.path),
    },
    fetchPage: async (offset, count, pageSignal): Promise<PageResponse> => {
      // The first page is the answer already on screen: no call spent on it again.
      if (offset === 0 && !reused) {
        const { page, response } = shown;
        if (reusesShownPage(page, count)) {
          reused = true;
          return {
            status: response.status,
            headers: response.headers,
            body: parseBody(response.bodyText),
            receivedAt: receivedAtOf(response),
          };
        }
      }
      const pageDraft: Run['draft'] = {
        ...draft,
        params: { ...draft.params, offset: String(offset), count: String(count) },
      };
      const prepared = prepareRequest(pageDraft, transport, run.credentials ?? undefined);
      const response = await executeRequest(prepared, pageSignal ? { signal: pageSignal } : {});
      return {
        status: response.status,
        headers: response.headers,
        body: parseBody(response.bodyText),
        receivedAt: Date.now(),
      };
    },
  });
}

type FetchState =
  | { phase: 'idle' }
  | { phase: 'running'; progress: FetchAllProgress | null; controller: AbortController }
  | { phase: 'finished'; result: FetchAllResult };

/** The first page is reused when the answer on screen is it (same page size, or everything). */
function reusesShownPage(page: PageNumbers, size: number): boolean {
  return page.offset === 0 && (page.count === size || page.count >= page.total);
}

function callsText(page: PageNumbers, size: number): string {
  const pages = Math.max(1, Math.ceil(page.total / size));
  const calls = reusesShownPage(page, size) ? pages - 1 : pages;
  const unit = calls === 1 ? 'call' : 'calls';
  return reusesShownPage(page, size)
    ? `${calls} more ${unit} of ${size} items (page 1 is on screen)`
    : `${calls} ${unit} of ${size} items`;
}

/**
 * Fetch all pages: progress (pages, items, time left), Cancel, merged results and exports.
 * The pane keys it by server and operation, so another operation starts from a clean state.
 */
export function FetchAll({
  run: sentRun,
  response,
  page,
  listField,
  onView,
}: {
  run: Run;
  /** The answer on screen: fetch-all starts from it instead of asking for it again. */
  response: ResponseRecord;
  page: PageNumbers;
  listField: string | null;
  /** Shows the merged items in the response viewer (Tree, Table, Raw), marked as put together here. */
  onView(result: FetchAllResult): void;
}) {
  const [run, setRun] = useState<FetchState>({ phase: 'idle' });
  const controllerRef = useRef<AbortController | null>(null);
  // Leaving (another operation, or the page): stop calling the server.
  useEffect(() => () => controllerRef.current?.abort(), []);

  const draft = sentRun.draft;
  const { pageSize } = pagingOf(draft, page);
  const size = pageSize > 0 ? pageSize : FETCH_ALL_DEFAULT_PAGE;
  const start = () => {
    const controller = new AbortController();
    controllerRef.current = controller;
    setRun({ phase: 'running', progress: null, controller });
    void runFetchAll(sentRun, { page, response }, size, listField, controller.signal, (progress) =>
      setRun((current) => (current.phase === 'running' ? { ...current, progress } : current)),
    ).then((result) => setRun({ phase: 'finished', result }));
  };

  return (
    <div className="fetch-all">
      <div className="actions">
        <button type="button" onClick={start} disabled={run.phase === 'running'}>
          Fetch all pages
        </button>
        <span className="muted">{callsText(page, size)}, paced by the rate limit</span>
      </div>
      {run.phase === 'running' ? <FetchAllProgressView run={run} total={page.total} /> : null}
      {run.phase === 'finished' ? (
        <FetchAllOutcome result={run.result} operationPath={draft.path} onView={onView} />
      ) : null}
    </div>
  );
}

function FetchAllProgressView({
  run,
  total,
}: {
  run: Extract<FetchState, { phase: 'running' }>;
  total: number;
}) {
  const p = run.progress;
  const pagesTotal = p?.pagesTotal ?? null;
  const waiting = p?.waiting ?? null;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [waiting]);
  const waitLeft = waiting ? Math.max(0, Math.ceil((waiting.until - now) / 1000)) : 0;
  const words =
    `Page ${p?.pagesDone ?? 0}${pagesTotal !== null ? ` of ${pagesTotal}` : ''}, ` +
    `${p?.items ?? 0} of ${p?.total ?? total} items` +
    (p?.estimatedMsLeft != null ? `, about ${formatEstimate(p.estimatedMsLeft)} left` : '');
  return (
    <div className="fetch-all-progress">
      <progress
        aria-label="Fetch all pages progress"
        aria-valuetext={words}
        value={p?.pagesDone ?? 0}
        max={pagesTotal ?? Math.max(1, (p?.pagesDone ?? 0) + 1)}
      />
      <p className="muted" aria-live="polite">
        {words}
        {waiting ? ` · ${waiting.explanation.replace(/\d+ s/, `${waitLeft} s`)}` : ''}
      </p>
      <button type="button" onClick={() => run.controller.abort()}>
        Cancel
      </button>
    </div>
  );
}

function FetchAllOutcome({
  result,
  operationPath,
  onView,
}: {
  result: FetchAllResult;
  operationPath: string;
  onView(result: FetchAllResult): void;
}) {
  const summary =
    `${result.items.length} items in ${result.pages} ${result.pages === 1 ? 'page' : 'pages'}` +
    (result.duplicates > 0 ? `, ${result.duplicates} duplicates dropped` : '') +
    (result.waitedMs > 0 ? `, waited ${formatEstimate(result.waitedMs)} for the rate limit` : '');
  return (
    <div className="fetch-all-outcome">
      {result.outcome === 'complete' ? (
        <p role="status">Fetched all: {summary}.</p>
      ) : result.outcome === 'cancelled' ? (
        <p role="status">Fetch all pages cancelled: {summary} kept.</p>
      ) : (
        <div role="alert" className="alert error">
          <p>{result.error?.message ?? 'Fetch all pages failed.'}</p>
          <p>Kept so far: {summary}.</p>
        </div>
      )}
      {result.totalChanged ? (
        <p className="muted">
          The server’s total changed while fetching: items were added or removed meanwhile.
        </p>
      ) : null}
      {result.tooManyRequests > 0 ? (
        <p className="muted">
          The server still answered 429 Too Many Requests {result.tooManyRequests} time(s) (another client on
          your address?); each time the explorer waited as told and went on.
        </p>
      ) : null}
      {result.items.length > 0 ? (
        <>
          <div className="actions">
            <button type="button" onClick={() => onView(result)}>
              View the {result.items.length} items here
            </button>
          </div>
          <ExportButtons items={result.items} operationPath={operationPath} />
        </>
      ) : null}
    </div>
  );
}
