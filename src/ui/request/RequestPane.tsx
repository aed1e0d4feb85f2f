import { useEffect, useRef } from 'react';
import { AuthStatusLine } from '../auth';
import { loadJsonEditors } from '../editor';
import { loadShareBar } from '../share';
import { OperationDetails, ParamsForm } from '../catalog';
import { lazyComponent } from '../lib/lazy-component';
import { useExplorerStore } from '../state';
import { SendBar } from './SendBar';

// The editors bring the JSON checks (jsonc-parser, ejson, mingo, the MongoDB operator list, semver)
// and the share bar the permalink codec: both load after the first paint (issue 14).
const JsonEditors = lazyComponent(loadJsonEditors);
const ShareBar = lazyComponent(loadShareBar);

/** The stacked (phone) layout, where the panes follow each other down the page. */
const STACKED = '(max-width: 980px)';

/**
 * On a phone the form sits under a tall endpoint list: choosing an operation would change a form
 * nobody sees. Scrolls the pane into view when the operation changes (not on first load).
 */
function useScrollIntoViewOnSelect(ref: React.RefObject<HTMLElement | null>) {
  const operationLabel = useExplorerStore((state) => state.draft.operationLabel);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (window.matchMedia(STACKED).matches) ref.current?.scrollIntoView({ block: 'start' });
  }, [operationLabel, ref]);
}

/**
 * The Request pane is a composition of feature slots, each owned by its feature folder:
 * catalog (operation details, parameter form), editor (query/fields/sort and Body), auth, share.
 */
export function RequestPane() {
  const ref = useRef<HTMLElement>(null);
  useScrollIntoViewOnSelect(ref);
  return (
    <section className="pane request" aria-label="Request" ref={ref}>
      <h2 className="pane-title">Request</h2>
      <OperationDetails />
      <AuthStatusLine />
      <ParamsForm />
      <JsonEditors />
      <SendBar />
      <ShareBar />
    </section>
  );
}
