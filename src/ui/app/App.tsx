import { useCallback } from 'react';
import { EndpointsPane } from '../catalog/EndpointsPane';
import { RequestPane } from '../request/RequestPane';
import { ResponsePane } from '../response/ResponsePane';
import { RunnerProvider, useRun } from '../runner/RunnerContext';
import { usePermalinkSync } from '../share/usePermalinkSync';
import { ServerBar } from './ServerBar';
import { useExplorerConfig } from './useExplorerConfig';
import { lazyComponent } from './lazy-component';
import { useGlobalShortcuts } from './useGlobalShortcuts';

// Not needed to show the catalog: they load after it (issue 14, first load).
const AuthPanel = lazyComponent(() => import('../auth/AuthPanel').then((m) => m.AuthPanel));
const HistoryPanel = lazyComponent(() => import('../share/HistoryPanel').then((m) => m.HistoryPanel));

function Shell() {
  const { send } = useRun();
  const focusSearch = useCallback(() => {
    document.querySelector<HTMLInputElement>('input[data-endpoint-search]')?.focus();
  }, []);
  useGlobalShortcuts({ send, focusSearch });
  usePermalinkSync();
  return (
    <div className="app">
      <header className="app-header">
        <h1 className="app-title">
          <span aria-hidden="true" className="app-logo" />
          Rocket.Chat API Explorer
        </h1>
        <ServerBar />
        <AuthPanel />
      </header>
      <main className="panes">
        <div className="left-column">
          <EndpointsPane />
          <HistoryPanel />
        </div>
        <RequestPane />
        <ResponsePane />
      </main>
    </div>
  );
}

export function App() {
  useExplorerConfig();
  return (
    <RunnerProvider>
      <Shell />
    </RunnerProvider>
  );
}
