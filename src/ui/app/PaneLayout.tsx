/**
 * Endpoints | Request | Response side by side (ResizablePanes.tsx); below 980 px the panes stack
 * and the page scrolls (no resizing there).
 *
 * react-resizable-panels is not part of the first load (issue 14): its chunk is requested as soon
 * as this module runs, and until it is there the wide layout is a plain flex row with the panels'
 * default sizes, so the catalog does not wait for the resizing code.
 */
import type { ReactNode, RefObject } from 'react';
import type { PanelImperativeHandle } from 'react-resizable-panels';
import { lazyModule } from '../lib/lazy-module';
import { useMediaQuery } from './useMediaQuery';

/** Same breakpoint as theme.css's stacked layout and RequestPane's scroll-into-view. */
export const NARROW_QUERY = '(max-width: 980px)';

export interface PaneLayoutProps {
  left: ReactNode;
  request: ReactNode;
  response: ReactNode;
  endpointsRef: RefObject<PanelImperativeHandle | null>;
  /** Collapsed (resizable layout) or left out (stacked layout). */
  endpointsHidden: boolean;
  onEndpointsCollapsedChange(collapsed: boolean): void;
}

/** The wide layout before the resizing code has loaded: same panes, same default sizes, no handles. */
function FixedPanes({ left, request, response, endpointsHidden }: PaneLayoutProps) {
  return (
    <main className="panes panes-fixed">
      <div className="left-column pane-fixed-endpoints" hidden={endpointsHidden}>
        <div className="left-stack">{left}</div>
      </div>
      <div className="pane-separator" aria-hidden="true" />
      <div className="pane-slot pane-fixed-main">{request}</div>
      <div className="pane-separator" aria-hidden="true" />
      <div className="pane-slot pane-fixed-main">{response}</div>
    </main>
  );
}

const resizable = lazyModule(() => import('./ResizablePanes'));
// Requested with the first load, not when the layout first renders: it is usually there first.
void resizable.load();

export function PaneLayout(props: PaneLayoutProps) {
  const narrow = useMediaQuery(NARROW_QUERY);
  if (narrow) {
    return (
      <main className="panes panes-stacked">
        <div className="left-column" hidden={props.endpointsHidden}>
          {props.left}
        </div>
        {props.request}
        {props.response}
      </main>
    );
  }
  return <ResizableOrFixed {...props} />;
}

function ResizableOrFixed(props: PaneLayoutProps) {
  const loaded = resizable.useModule(true);
  return loaded ? <loaded.ResizablePanes {...props} /> : <FixedPanes {...props} />;
}
