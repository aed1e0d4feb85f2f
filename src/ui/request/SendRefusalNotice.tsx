import type { RunTrigger } from '../../core/http/run';
import { useExplorerStore } from '../state';

const WHAT: Record<RunTrigger, string> = {
  button: 'Send',
  shortcut: 'Ctrl+Enter',
  history: 'Load and send',
  resend: 'Send again',
  page: 'Paging',
  'two-factor': 'Send again with code',
};

/**
 * Says, next to the control that was used, that a trigger did not send and why. Shown for the
 * triggers given, so the request pane speaks for Send and the shortcut, the response pane for
 * paging and resends.
 */
export function SendRefusalNotice({
  triggers,
  heldBackShown = false,
}: {
  triggers: readonly RunTrigger[];
  /** The reasons are already listed just above ("Send is held back because"): do not repeat them. */
  heldBackShown?: boolean;
}) {
  const refusal = useExplorerStore((state) => state.refusal);
  if (!refusal || !triggers.includes(refusal.trigger)) return null;
  if (heldBackShown && refusal.overridable) {
    return (
      <p role="alert" className="alert warn send-refusal">
        {WHAT[refusal.trigger]} did not send the request: it is held back for the reasons above. Use “Send
        anyway” to send it as it is.
      </p>
    );
  }
  return (
    <div role="alert" className="alert warn send-refusal">
      <p>
        {WHAT[refusal.trigger]} did not send the request:{' '}
        {refusal.reasons.length === 1 ? refusal.reasons[0] : null}
      </p>
      {refusal.reasons.length > 1 ? (
        <ul>
          {refusal.reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      ) : null}
      {refusal.overridable ? <p className="hint">Use “Send anyway” to send it as it is.</p> : null}
    </div>
  );
}
