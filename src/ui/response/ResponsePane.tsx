import { useState } from 'react';
import { statusLine } from '../../core/http/status-text';
import type { ResponseRecord } from '../../core/http/types';
import { AuthDiagnosis } from '../auth/AuthDiagnosis';
import { useRun } from '../runner/RunnerContext';
import { useRunProgress } from '../runner/progress-store';
import { formatBytes, formatMs } from './format';

type Tab = 'raw' | 'headers';

/** Pretty-prints JSON bodies for reading; anything else is shown exactly as received. */
function readableBody(response: ResponseRecord): string {
  if (response.bodyText.length > 2_000_000) return response.bodyText;
  try {
    return JSON.stringify(JSON.parse(response.bodyText), null, 2);
  } catch {
    return response.bodyText;
  }
}

function ResponseBody({ response }: { response: ResponseRecord }) {
  const [tab, setTab] = useState<Tab>('raw');
  return (
    <div className="response-body">
      <div role="tablist" aria-label="Response views" className="tabs">
        {(['raw', 'headers'] as const).map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            id={`tab-${name}`}
            aria-controls={`panel-${name}`}
            aria-selected={tab === name}
            tabIndex={tab === name ? 0 : -1}
            onClick={() => setTab(name)}
          >
            {name === 'raw' ? 'Raw' : 'Headers'}
          </button>
        ))}
      </div>
      {tab === 'raw' ? (
        <div role="tabpanel" id="panel-raw" aria-labelledby="tab-raw" className="tabpanel">
          <pre className="raw-body">{readableBody(response)}</pre>
        </div>
      ) : (
        <div role="tabpanel" id="panel-headers" aria-labelledby="tab-headers" className="tabpanel">
          <table className="headers-table">
            <thead>
              <tr>
                <th scope="col">Header</th>
                <th scope="col">Value</th>
              </tr>
            </thead>
            <tbody>
              {response.headers.map(([name, value]) => (
                <tr key={name}>
                  <td>{name}</td>
                  <td>{value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

export function ResponsePane() {
  const { view } = useRun();
  const received = useRunProgress((state) => state.received);
  return (
    <section className="pane response" aria-label="Response">
      <h2 className="pane-title">Response</h2>
      {view.phase === 'idle' ? (
        <p className="empty">Choose an endpoint and press Send to see its response here.</p>
      ) : null}
      {view.phase === 'pending' ? (
        <p role="status" aria-label="Status" className="status pending">
          Sending… {received > 0 ? formatBytes(received) : ''}
        </p>
      ) : null}
      {view.phase === 'failed' ? (
        <div role="alert" className="alert error">
          <p>{view.failure.message}</p>
          <p>{view.failure.nextStep}</p>
        </div>
      ) : null}
      {view.phase === 'done' ? (
        <>
          <p
            role="status"
            aria-label="Status"
            className={`status status-${Math.floor(view.response.status / 100)}xx`}
          >
            <strong>{statusLine(view.response.status, view.response.statusText)}</strong>
            <span className="muted">
              {' '}
              · {formatMs(view.response.timings.totalMs)} (first byte {formatMs(view.response.timings.ttfbMs)}
              ) · {formatBytes(view.response.sizeBytes)}
            </span>
          </p>
          <p className="muted url">
            {view.response.method} <code>{view.response.displayUrl}</code>
          </p>
          {view.response.proxyError ? (
            <div role="alert" className="alert error">
              <p>{view.response.proxyError.message}</p>
            </div>
          ) : null}
          <AuthDiagnosis response={view.response} />
          <ResponseBody response={view.response} />
        </>
      ) : null}
    </section>
  );
}
