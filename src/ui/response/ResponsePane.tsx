import { useEffect } from 'react';
import { countZeroWarning } from '../../core/pagination/arithmetic';
import { useCatalogStore } from '../catalog';
import { RateLimitGauge } from '../ratelimit';
import { useRun } from '../runner';
import { SendRefusalNotice } from '../request';
import { lazyModule } from '../lib/lazy-module';
import { useExplorerStore } from '../state';
import { routeOf } from './route-of';
import './response.css';

/**
 * The answer part (ResponseAnswer.tsx) is not in the first load (issue 14): it is fetched once the
 * catalog is on screen (the first screen comes first), or by a run started before that, and a run
 * also fetches its own lazy parts (views, fetch-all, auth diagnosis), so nothing pops in later.
 */
const answerPart = lazyModule(() => import('./ResponseAnswer'));

function preloadAnswerParts(): void {
  void answerPart.load().then((part) => part.preloadAnswerParts());
}

function CountZeroNotice() {
  const count = useExplorerStore((state) => state.draft.params.count);
  const warning = countZeroWarning(count);
  if (!warning) return null;
  return (
    <div className="alert warn" role="note" aria-label="count=0 warning">
      {/* Folded: the title says enough to decide; the details explain the server settings. */}
      <details>
        <summary>
          <strong>{warning.title}</strong>: one response may hold every item. Why and what to do instead
        </summary>
        <p>{warning.message}</p>
      </details>
    </div>
  );
}

const OWN_TRIGGERS = ['page', 'resend', 'two-factor'] as const;

export function ResponsePane() {
  const { view } = useRun();
  const serverUrl = useExplorerStore((state) => state.draft.serverUrl);
  const method = useExplorerStore((state) => state.draft.method);
  const path = useExplorerStore((state) => state.draft.path);
  const catalogShown = useCatalogStore((state) => state.view !== null);
  const current = view.phase === 'idle' ? null : view.run;
  const route = routeOf(current?.draft ?? { serverUrl, method, path });
  const busy = view.phase === 'pending';
  const part = answerPart.useModule(catalogShown || view.phase !== 'idle');
  useEffect(() => {
    // Fetch the answer's views while the request is on its way: nothing pops in above the tabs later.
    if (busy) preloadAnswerParts();
  }, [busy]);

  return (
    <section className="pane response" aria-label="Response">
      <h2 className="pane-title">Response</h2>
      {route.server !== '' ? <RateLimitGauge route={route} /> : null}
      <CountZeroNotice />
      <SendRefusalNotice triggers={OWN_TRIGGERS} />
      {view.phase === 'idle' ? (
        <div className="empty">
          <p>Choose an endpoint and press Send to see its response here.</p>
          <p className="hint">
            Large answers stay fast: the body is parsed in the background and only the rows on screen are
            drawn.
          </p>
        </div>
      ) : part ? (
        <part.ResponseAnswer view={view} />
      ) : (
        // The first run's answer part is still on its way (a Send right after the page opened).
        <p className="status pending">Sending…</p>
      )}
    </section>
  );
}
