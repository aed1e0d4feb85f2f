import { useCallback, useEffect } from 'react';
import { AuthPanel } from '../auth/AuthPanel';
import { EndpointsPane } from '../catalog/EndpointsPane';
import { RequestPane } from '../request/RequestPane';
import { ResponsePane } from '../response/ResponsePane';
import { RunnerProvider } from '../runner/RunnerContext';
import { HistoryPanel } from '../share/HistoryPanel';
import { usePermalinkSync } from '../share/usePermalinkSync';
import { ServerBar } from './ServerBar';
import { startExplorer } from './startup';
import { useExplorerConfig } from './useExplorerConfig';
import { useGlobalShortcuts } from './useGlobalShortcuts';

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
