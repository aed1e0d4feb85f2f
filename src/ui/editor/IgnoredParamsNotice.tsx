import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { LocalResult } from '../../core/json-params';
import type { Run } from '../../core/http/run';
import type { ResponseRecord } from '../../core/http/types';
import type { FetchAllProgress } from '../../core/pagination/fetch-all';
import { Notice } from '../lib/Notice';
import { useSelectedOperation } from '../catalog';
import { fetchAllCalls, fetchAllPageSize, FetchAllProgressView, runFetchAll } from '../response';
import { useRun } from '../runner';
import {
  applyRunLocally,
  isPartOfList,
  localResultText,
  pageScopeText,
  verdictFor,
  type IgnoredVerdict,
  type LocalScope,
} from './ignored-params';
import { editorPlan } from './operation-params';

/** Items shown in the local result's text view; the count says how many there are in all. */
const SHOWN_ITEMS = 200;

/**
 * After a response, says whether the server applied "query" and "fields" (checked on the returned
 * items with mingo) and, when it did not, offers to apply query, fields and sort locally, to the
 * page on screen or to every page (fetched within the rate limit), clearly labelled as a local
 * result. When the answer says nothing about them, `fallback` (the note on what the server's
 * version does) shows instead: the fact that the server ignores them is said once, here or there.
 * No Monaco here: it can live in either pane.
 */
export function IgnoredParamsNotice({ fallback = null }: { fallback?: ReactNode }) {
  const { view } = useRun();
  // The answer on screen and the run that asked for it (what was sent, not the draft being edited).
  const outcome = view.phase === 'done' ? view.outcome : null;
  const operation = useSelectedOperation(outcome?.run.draft.operationLabel ?? '');

  const verdict = useMemo(() => {
    if (!outcome) return null;
    const { draft } = outcome.run;
    const plan = editorPlan(draft.method, draft.path, operation);
    return verdictFor(draft, outcome.response.status, outcome.response.body, plan.itemsKey);
  }, [outcome, operation]);

  if (!outcome || !verdict) return <>{fallback}</>;
  const { check } = verdict;
  if (check.queryIgnored !== true && check.fieldsIgnored !== true) {
    return (
      <>
        {fallback}
        {check.details.length > 0 ? (
          <p className="muted hint" role="status">
            {check.details.join(' ')}
          </p>
        ) : null}
      </>
    );
  }
  return (
    <IgnoredNotice key={outcome.run.id} run={outcome.run} response={outcome.response} verdict={verdict} />
  );
}

type AllPages =
  | { phase: 'idle' }
  | { phase: 'running'; progress: FetchAllProgress | null; controller: AbortController }
  | { phase: 'done' };

interface Shown {
  result?: LocalResult;
  scope?: LocalScope;
  error?: string;
}

function IgnoredNotice({
  run,
  response,
  verdict,
}: {
  run: Run;
  response: ResponseRecord;
  verdict: IgnoredVerdict;
}) {
  const { check, items, page, itemsKey } = verdict;
  const draft = run.draft;
  const [shown, setShown] = useState<Shown | null>(null);
  const [all, setAll] = useState<AllPages>({ phase: 'idle' });
  const controllerRef = useRef<AbortController | null>(null);
  // Leaving (another answer, another operation): stop calling the server.
  useEffect(() => () => controllerRef.current?.abort(), []);

  const partOfList = isPartOfList(items.length, page);
  const size = page ? fetchAllPageSize(draft, page) : 0;
  const calls = page ? fetchAllCalls(page, size) : 0;

  const apply = (on: unknown[], scope: LocalScope) => {
    try {
      setShown({ result: applyRunLocally(draft, on), scope });
    } catch (error) {
      setShown({
        error: `The parameters could not be applied locally: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  };
  const applyToAllPages = () => {
    if (!page) return;
    const controller = new AbortController();
    controllerRef.current = controller;
    setAll({ phase: 'running', progress: null, controller });
    void runFetchAll(run, { page, response }, size, itemsKey, controller.signal, (progress) =>
      setAll((current) => (current.phase === 'running' ? { ...current, progress } : current)),
    ).then((result) => {
      setAll({ phase: 'done' });
      if (result.outcome === 'failed' && result.items.length === 0) {
        setShown({ error: result.error?.message ?? 'Fetching all pages failed.' });
        return;
      }
      apply(result.items, {
        kind: 'all-pages',
        pages: result.pages,
        complete: result.outcome === 'complete',
      });
    });
  };

  return (
    <div className="ignored-params">
      <Notice
        tone="warn"
        headline={
          <>
            {check.details
              .filter((d) => d.startsWith('The server ignored'))
              .map((detail) => (
                <p key={detail}>{detail}</p>
              ))}
            {check.cause ? <p>{check.cause}</p> : null}
          </>
        }
      >
        <p>
          Restart the server with that variable to have it apply them, or apply them here, in the browser, to{' '}
          {pageScopeText(items.length, page)}
          {partOfList ? ' or to every page' : ''}.
        </p>
        <div className="actions">
          <button type="button" onClick={() => apply(items, { kind: 'page', partOfList })}>
            Apply locally to {pageScopeText(items.length, page)}
          </button>
          {partOfList && page ? (
            <>
              <button type="button" onClick={applyToAllPages} disabled={all.phase === 'running'}>
                Apply locally to all pages
              </button>
              <span className="muted">
                {page.total} items: {calls} more {calls === 1 ? 'call' : 'calls'} of {size}, paced by the rate
                limit
              </span>
            </>
          ) : null}
        </div>
        {all.phase === 'running' ? (
          <FetchAllProgressView
            progress={all.progress}
            total={page?.total ?? items.length}
            label="Fetching all pages to apply locally"
            onCancel={() => all.controller.abort()}
          />
        ) : null}
        {shown?.error ? (
          <p role="alert" className="alert error">
            {shown.error}
          </p>
        ) : null}
        {shown?.result && shown.scope ? (
          <section className="local-result" aria-label="Local result">
            <h3 className="local-result-title">Local result (computed in the browser, not by the server)</h3>
            <p role="status">
              {localResultText(draft, shown.result, shown.scope)}
              {shown.result.items.length > SHOWN_ITEMS ? ` The first ${SHOWN_ITEMS} are shown.` : ''}
            </p>
            <pre className="raw-body">
              {JSON.stringify(shown.result.items.slice(0, SHOWN_ITEMS), null, 2)}
            </pre>
          </section>
        ) : null}
      </Notice>
    </div>
  );
}
