/**
 * Endpoints | Request | Response side by side (ResizablePanes.tsx); below 980 px the panes stack
 * and the page scrolls (no resizing there).
 *
 * react-resizable-panels is not part of the first load (issue 14): its chunk is requested as soon
 * as this module runs, and until it is there the wide layout is a plain flex row with the panels'
 * default sizes, so the catalog does not wait for the resizing code.
 *
 * The panes are rendered once, each into a node of its own that the layout in use (fixed,
 * resizable or stacked) only holds: changing layouts moves the nodes instead of building the panes
 * again, so a search typed while the resizing code loaded, the editors and the answer stay as they
 * are (they were remounted, and the catalog rendered twice, when the layout changed).
 */
import { useCallback, useState, type ReactNode, type RefObject } from 'react';
import { createPortal } from 'react-dom';
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

/** A node of its own per pane, made once; `display: contents`, so the pane lays out in its slot. */
function usePaneHost(): HTMLDivElement {
  const [host] = useState(() => {
    const node = document.createElement('div');
    node.className = 'pane-host';
    return node;
  });
  return host;
}

interface SavedFocus {
  element: HTMLElement;
  caret: [number, number] | null;
}
/** Focus inside a pane's node when its slot was about to leave the page, per node. */
const savedFocus = new WeakMap<HTMLElement, SavedFocus>();

function caretOf(element: HTMLElement): [number, number] | null {
  if (!(element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement)) return null;
  try {
    const { selectionStart, selectionEnd } = element;
    return selectionStart === null || selectionEnd === null ? null : [selectionStart, selectionEnd];
  } catch {
    return null; // inputs without a caret (checkbox, …) may throw on selectionStart
  }
}

/**
 * A node taken out of the page loses the focus; the layout changes when the resizing code arrives,
 * maybe while someone types in the search box (or just after the boot shell handed its focus
 * over, catalog/boot-shell.ts). So the slot notes the focus before it goes, and the next slot
 * gives it back, caret included.
 */
function saveFocus(host: HTMLElement): void {
  const focused = document.activeElement;
  if (focused instanceof HTMLElement && host.contains(focused))
    savedFocus.set(host, { element: focused, caret: caretOf(focused) });
}

function restoreFocus(host: HTMLElement): void {
  const saved = savedFocus.get(host);
  savedFocus.delete(host);
  if (!saved || !host.contains(saved.element) || document.activeElement === saved.element) return;
  // Only when nothing else took the focus meanwhile.
  if (document.activeElement !== null && document.activeElement !== document.body) return;
  saved.element.focus({ preventScroll: true });
  const input = saved.element as HTMLInputElement;
  if (saved.caret) input.setSelectionRange(saved.caret[0], saved.caret[1]);
}

/** Where a layout puts a pane: it takes the pane's node in (moved, not rebuilt). */
function PaneSlot({ host }: { host: HTMLDivElement }) {
  const hold = useCallback(
    (slot: HTMLDivElement | null) => {
      if (!slot) return;
      if (host.parentNode !== slot) {
        slot.appendChild(host);
        restoreFocus(host);
      }
      // Runs before React takes the slot out of the page (a ref's cleanup, React 19).
      return () => saveFocus(host);
    },
    [host],
  );
  return <div ref={hold} className="pane-host" />;
}

export function PaneLayout(props: PaneLayoutProps) {
  const narrow = useMediaQuery(NARROW_QUERY);
  const leftHost = usePaneHost();
  const requestHost = usePaneHost();
  const responseHost = usePaneHost();
  const slots: PaneLayoutProps = {
    ...props,
    left: <PaneSlot host={leftHost} />,
    request: <PaneSlot host={requestHost} />,
    response: <PaneSlot host={responseHost} />,
  };
  return (
    <>
      {narrow ? (
        <main className="panes panes-stacked">
          <div className="left-column" hidden={props.endpointsHidden}>
            {slots.left}
          </div>
          {slots.request}
          {slots.response}
        </main>
      ) : (
        <ResizableOrFixed {...slots} />
      )}
      {createPortal(props.left, leftHost)}
      {createPortal(props.request, requestHost)}
      {createPortal(props.response, responseHost)}
    </>
  );
}

function ResizableOrFixed(props: PaneLayoutProps) {
  const loaded = resizable.useModule(true);
  return loaded ? <loaded.ResizablePanes {...props} /> : <FixedPanes {...props} />;
}
