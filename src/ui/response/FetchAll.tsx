import { useEffect, useRef, useState } from 'react';
import type { Run } from '../../core/http/run';
import type { ResponseRecord } from '../../core/http/types';
import type { PageNumbers } from '../../core/pagination/arithmetic';
import type { FetchAllProgress, FetchAllResult } from '../../core/pagination/fetch-all';
import { ExportButtons } from './ExportButtons';
import {
  fetchAllCalls,
  fetchAllPageSize,
  FetchAllProgressView,
  reusesShownPage,
  runFetchAll,
} from './fetch-all-run';
import { formatEstimate } from './format';

type FetchState =
  | { phase: 'idle' }
  | { phase: 'running'; progress: FetchAllProgress | null; controller: AbortController }
  | { phase: 'finished'; result: FetchAllResult };

function callsText(page: PageNumbers, size: number): string {
  const calls = fetchAllCalls(page, size);
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
  const size = fetchAllPageSize(draft, page);
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
      {run.phase === 'running' ? (
        <FetchAllProgressView
          progress={run.progress}
          total={page.total}
          label="Fetch all pages progress"
          onCancel={() => run.controller.abort()}
        />
      ) : null}
      {run.phase === 'finished' ? (
        <FetchAllOutcome result={run.result} operationPath={draft.path} onView={onView} />
      ) : null}
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
