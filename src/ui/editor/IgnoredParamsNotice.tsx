import { useEffect, useMemo, useState } from 'react';
import type { LocalResult } from '../../core/json-params';
import { useSelectedOperation } from '../catalog/catalog-store';
import { onRunFinished, type RunResult } from '../runner/run-events';
import { applyRunLocally, verdictFor } from './ignored-params';
import { editorPlan } from './operation-params';

/**
 * After a response, says whether the server applied "query" and "fields" (checked on the returned
 * items with mingo) and, when it did not, offers to apply query, fields and sort locally, clearly
 * labelled as a local result. No Monaco here: it can live in the Response pane.
 */
export function IgnoredParamsNotice() {
  const [run, setRun] = useState<RunResult | null>(null);
  const [local, setLocal] = useState<{ result?: LocalResult; error?: string } | null>(null);
  const operation = useSelectedOperation(run?.draft.operationId ?? '');

  useEffect(
    () =>
      onRunFinished((result) => {
        setRun(result);
        setLocal(null);
      }),
    [],
  );

  const verdict = useMemo(() => {
    if (!run?.response) return null;
    const plan = editorPlan(run.draft.method, run.draft.path, operation);
    return verdictFor(run.draft, run.response.status, run.response.bodyText, plan.itemsKey);
  }, [run, operation]);

  if (!run || !verdict) return null;
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
      setLocal({ result: applyRunLocally(run.draft, verdict.items) });
    } catch (error) {
      setLocal({
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
      {local?.error ? (
        <p role="alert" className="alert error">
          {local.error}
        </p>
      ) : null}
      {local?.result ? (
        <section className="local-result" aria-label="Local result">
          <h3 className="local-result-title">Local result (computed in the browser, not by the server)</h3>
          <p role="status">
            {local.result.label}{' '}
            {local.result.items.length === 1 ? '1 item' : `${local.result.items.length} items`} shown.
          </p>
          <pre className="raw-body">{JSON.stringify(local.result.items, null, 2)}</pre>
        </section>
      ) : null}
    </div>
  );
}
