/**
 * The wide layout once react-resizable-panels has loaded (see PaneLayout.tsx): Endpoints | Request
 * | Response, resizable with a drag or the arrow keys on the separators, sizes remembered in
 * localStorage; the Endpoints column collapses to give small screens the room.
 */
import { Group, Panel, Separator, useDefaultLayout } from 'react-resizable-panels';
import type { PaneLayoutProps } from './PaneLayout';

function safeStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined; // storage blocked (privacy mode): sizes are simply not remembered
  }
}

export function ResizablePanes({
  left,
  request,
  response,
  endpointsRef,
  endpointsHidden,
  onEndpointsCollapsedChange,
}: PaneLayoutProps) {
  const storage = safeStorage();
  const { defaultLayout, onLayoutChanged } = useDefaultLayout({
    id: 'rc-explorer.panes.v1',
    panelIds: ['endpoints', 'request', 'response'],
    ...(storage ? { storage } : {}),
  });
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
