import { AuthStatusLine } from '../auth/AuthStatusLine';
import { OperationDetails } from '../catalog/OperationDetails';
import { ParamsForm } from '../catalog/ParamsForm';
import { JsonEditors } from '../editor/JsonEditors';
import { ShareBar } from '../share/ShareBar';
import { SendBar } from './SendBar';

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
