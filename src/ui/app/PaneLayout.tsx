/**
 * Endpoints | Request | Response side by side, resizable with a drag or the arrow keys on the
 * separators, sizes remembered in localStorage; the Endpoints column collapses to give small
 * screens the room. Below 980 px the panes stack and the page scrolls (no resizing there).
 */
import type { ReactNode, RefObject } from 'react';
import {
  Group,
  Panel,
  Separator,
  useDefaultLayout,
  type PanelImperativeHandle,
} from 'react-resizable-panels';
import { useMediaQuery } from './useMediaQuery';

/** Same breakpoint as theme.css's stacked layout and RequestPane's scroll-into-view. */
export const NARROW_QUERY = '(max-width: 980px)';

interface PaneLayoutProps {
  left: ReactNode;
  request: ReactNode;
  response: ReactNode;
  endpointsRef: RefObject<PanelImperativeHandle | null>;
  /** Collapsed (resizable layout) or left out (stacked layout). */
  endpointsHidden: boolean;
  onEndpointsCollapsedChange(collapsed: boolean): void;
}

function safeStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined; // storage blocked (privacy mode): sizes are simply not remembered
  }
}

export function PaneLayout({
  left,
  request,
  response,
  endpointsRef,
  endpointsHidden,
  onEndpointsCollapsedChange,
}: PaneLayoutProps) {
  const narrow = useMediaQuery(NARROW_QUERY);
  const storage = safeStorage();
  const { defaultLayout, onLayoutChanged } = useDefaultLayout({
    id: 'rc-explorer.panes.v1',
    panelIds: ['endpoints', 'request', 'response'],
    ...(storage ? { storage } : {}),
  });
  if (narrow) {
    return (
      <main className="panes panes-stacked">
        <div className="left-column" hidden={endpointsHidden}>
          {left}
        </div>
        {request}
        {response}
      </main>
    );
  }
  return (
    <Group
      orientation="horizontal"
      className="panes panes-resizable"
      {...(defaultLayout ? { defaultLayout } : {})}
      onLayoutChanged={onLayoutChanged}
      // A landmark for the three panes, as <main> was before the group.
      role="main"
    >
      <Panel
        id="endpoints"
        panelRef={endpointsRef}
        defaultSize="28%"
        minSize={260}
        maxSize="45%"
        collapsible
        collapsedSize={0}
        groupResizeBehavior="preserve-pixel-size"
        onResize={(size) => onEndpointsCollapsedChange(size.inPixels < 1)}
        className="left-column"
      >
        {/* Hidden, not unmounted, when collapsed: the catalog keeps syncing and the search its text. */}
        <div className="left-stack" hidden={endpointsHidden}>
          {left}
        </div>
      </Panel>
      <Separator className="pane-separator" aria-label="Resize the Endpoints pane" />
      <Panel id="request" minSize={320} className="pane-slot">
        {request}
      </Panel>
      <Separator className="pane-separator" aria-label="Resize the Request and Response panes" />
      <Panel id="response" minSize={360} className="pane-slot">
        {response}
      </Panel>
    </Group>
  );
}
