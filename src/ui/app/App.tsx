import { useCallback, useEffect } from 'react';
import { EndpointsPane } from '../catalog/EndpointsPane';
import { RequestPane } from '../request/RequestPane';
import { ResponsePane } from '../response/ResponsePane';
import { RunnerProvider } from '../runner/RunnerContext';
import { usePermalinkSync } from '../share/usePermalinkSync';
import { ServerBar } from './ServerBar';
import { startExplorer } from './startup';
import { useExplorerConfig } from './useExplorerConfig';
import { lazyComponent } from './lazy-component';
import { useGlobalShortcuts } from './useGlobalShortcuts';

// Not needed to show the catalog: they load after it (issue 14, first load).
const AuthPanel = lazyComponent(() => import('../auth/AuthPanel').then((m) => m.AuthPanel));
const HistoryPanel = lazyComponent(() => import('../share/HistoryPanel').then((m) => m.HistoryPanel));

function Shell() {
  const focusSearch = useCallback(() => {
    document.querySelector<HTMLInputElement>('input[data-endpoint-search]')?.focus();
  }, []);
  useGlobalShortcuts(focusSearch);
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
  useEffect(() => startExplorer(), []);
  return (
    <RunnerProvider>
      <Shell />
    </RunnerProvider>
  );
}
