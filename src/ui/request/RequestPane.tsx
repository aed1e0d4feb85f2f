import { AuthStatusLine } from '../auth/AuthStatusLine';
import { OperationDetails } from '../catalog/OperationDetails';
import { ParamsForm } from '../catalog/ParamsForm';
import { lazyComponent } from '../app/lazy-component';
import { SendBar } from './SendBar';

// The editors bring the JSON checks (jsonc-parser, ejson, mingo, the MongoDB operator list, semver)
// and the share bar the permalink codec: both load after the first paint (issue 14).
const JsonEditors = lazyComponent(() => import('../editor/JsonEditors').then((m) => m.JsonEditors));
const ShareBar = lazyComponent(() => import('../share/ShareBar').then((m) => m.ShareBar));

/**
 * The Request pane is a composition of feature slots, each owned by its feature folder:
 * catalog (operation details, parameter form), editor (query/fields/sort and Body), auth, share.
 */
export function RequestPane() {
  return (
    <section className="pane request" aria-label="Request">
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
