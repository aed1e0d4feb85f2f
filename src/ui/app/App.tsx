import { useCallback } from 'react';
import { EndpointsPane } from '../catalog/EndpointsPane';
import { RequestPane } from '../request/RequestPane';
import { ResponsePane } from '../response/ResponsePane';
import { RunnerProvider, useRun } from '../runner/RunnerContext';
import { ServerBar } from './ServerBar';
import { useExplorerConfig } from './useExplorerConfig';
import { useGlobalShortcuts } from './useGlobalShortcuts';

function Shell() {
  const { send } = useRun();
  const focusSearch = useCallback(() => {
    document.querySelector<HTMLInputElement>('input[data-endpoint-search]')?.focus();
  }, []);
  useGlobalShortcuts({ send, focusSearch });
  return (
    <div className="app">
      <header className="app-header">
        <h1 className="app-title">
          <span aria-hidden="true" className="app-logo" />
          Rocket.Chat API Explorer
        </h1>
        <ServerBar />
      </header>
      <main className="panes">
        <EndpointsPane />
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
