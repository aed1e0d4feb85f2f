import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { PanelImperativeHandle } from 'react-resizable-panels';
import { EndpointsPane, removeBootShell } from '../catalog';
import { RequestPane } from '../request';
import { ResponsePane } from '../response';
import { RunnerProvider } from '../runner';
import { loadHistoryPanel, usePermalinkSync } from '../share';
import { loadAuthPanel } from '../auth';
import { PaneLayout } from './PaneLayout';
import { ServerBar } from './ServerBar';
import { startExplorer } from './startup';
import { useExplorerConfig } from './useExplorerConfig';
import { AuthStandIn } from './AuthStandIn';
import { lazyComponent } from '../lib/lazy-component';
import { useGlobalShortcuts } from './useGlobalShortcuts';

// Not needed to show the catalog: they load after it (issue 14, first load).
// The stand-in keeps the header still until the form's code has loaded.
const AuthPanel = lazyComponent(loadAuthPanel, <AuthStandIn />);
const HistoryPanel = lazyComponent(loadHistoryPanel);

function Shell() {
  const focusSearch = useCallback(() => {
    document.querySelector<HTMLInputElement>('input[data-endpoint-search]')?.focus();
  }, []);
  useGlobalShortcuts(focusSearch);
  usePermalinkSync();
  const endpointsRef = useRef<PanelImperativeHandle | null>(null);
  const [endpointsHidden, setEndpointsHidden] = useState(false);
  const toggleEndpoints = () => {
    const panel = endpointsRef.current;
    // Stacked (narrow) layout: no resizable panel, the column is simply left out.
    if (!panel) setEndpointsHidden((hidden) => !hidden);
    else if (panel.isCollapsed()) panel.expand();
    else panel.collapse();
  };
  return (
    <div className="app">
      <header className="app-header">
        <button
          type="button"
          className="pane-toggle"
          aria-label={endpointsHidden ? 'Show the Endpoints pane' : 'Hide the Endpoints pane'}
          aria-expanded={!endpointsHidden}
          title={endpointsHidden ? 'Show the Endpoints pane' : 'Hide the Endpoints pane'}
          onClick={toggleEndpoints}
        >
          <span aria-hidden="true">☰</span>
        </button>
        <h1 className="app-title">
          <span aria-hidden="true" className="app-logo" />
          {/* One flex item, so no flex gap opens between the two words. */}
          <span>
            <span className="app-title-brand">Rocket.Chat </span>API Explorer
          </span>
        </h1>
        <ServerBar />
        <AuthPanel />
      </header>
      <PaneLayout
        endpointsRef={endpointsRef}
        endpointsHidden={endpointsHidden}
        onEndpointsCollapsedChange={setEndpointsHidden}
        left={
          <>
            <EndpointsPane />
            <HistoryPanel />
          </>
        }
        request={<RequestPane />}
        response={<ResponsePane />}
      />
    </div>
  );
}

export function App() {
  useExplorerConfig();
  useEffect(() => startExplorer(), []);
  // The static first screen in index.html (catalog/boot-shell.ts) goes when React's is committed:
  // the panes' layout effects have adopted what they keep by now, and this runs in the same task
  // as the commit, so no frame shows both shells or neither.
  useLayoutEffect(() => removeBootShell(), []);
  return (
    <RunnerProvider>
      <Shell />
    </RunnerProvider>
  );
}
