import { useMemo, useState } from 'react';
import type { LocalResult } from '../../core/json-params';
import { useSelectedOperation } from '../catalog';
import { useRun } from '../runner';
import { applyRunLocally, verdictFor } from './ignored-params';
import { editorPlan } from './operation-params';

/**
 * After a response, says whether the server applied "query" and "fields" (checked on the returned
 * items with mingo) and, when it did not, offers to apply query, fields and sort locally, clearly
 * labelled as a local result. No Monaco here: it can live in the Response pane.
 */
export function IgnoredParamsNotice() {
  const { view } = useRun();
  // The answer on screen and the run that asked for it (what was sent, not the draft being edited).
  const outcome = view.phase === 'done' ? view.outcome : null;
  const [local, setLocal] = useState<{ of: number; result?: LocalResult; error?: string } | null>(null);
  const operation = useSelectedOperation(outcome?.run.draft.operationLabel ?? '');

  const verdict = useMemo(() => {
    if (!outcome) return null;
    const { draft } = outcome.run;
    const plan = editorPlan(draft.method, draft.path, operation);
    return verdictFor(draft, outcome.response.status, outcome.response.bodyText, plan.itemsKey);
  }, [outcome, operation]);

  if (!outcome || !verdict) return null;
  const run = { draft: outcome.run.draft };
  const shownLocal = local?.of === outcome.run.id ? local : null;

  const { check } = verdict;
  const ignored = check.queryIgnored === true || check.fieldsIgnored === true;
  if (!ignored) {
    return check.details.length > 0 ? (
      <p className="muted hint" role="status">
        {check.details.join(' ')}
      </p>
    ) : null;
  }
  const applyNow = () => {
    try {
      setLocal({ of: outcome.run.id, result: applyRunLocally(run.draft, verdict.items) });
    } catch (error) {
      setLocal({
        of: outcome.run.id,
        error: `The parameters could not be applied locally: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  };
  return (
    <div className="ignored-params">
      <div role="alert" className="alert warn">
        {check.details
          .filter((d) => d.startsWith('The server ignored'))
          .map((detail) => (
            <p key={detail}>{detail}</p>
          ))}
        <p>
          Restart the server with ALLOW_UNSAFE_QUERY_AND_FIELDS_API_PARAMS=TRUE to have it apply them, or
          apply them here to the {verdict.items.length} fetched items.
        </p>
        <button type="button" onClick={applyNow}>
          Apply locally
        </button>
      </div>
      {shownLocal?.error ? (
        <p role="alert" className="alert error">
          {shownLocal.error}
        </p>
      ) : null}
      {shownLocal?.result ? (
        <section className="local-result" aria-label="Local result">
          <h3 className="local-result-title">Local result (computed in the browser, not by the server)</h3>
          <p role="status">
            {shownLocal.result.label}{' '}
            {shownLocal.result.items.length === 1 ? '1 item' : `${shownLocal.result.items.length} items`}{' '}
            shown.
          </p>
          <pre className="raw-body">{JSON.stringify(shownLocal.result.items, null, 2)}</pre>
        </section>
      ) : null}
    </div>
  );
}
