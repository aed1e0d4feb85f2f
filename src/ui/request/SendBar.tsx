import { useRun, send } from '../runner';
import { useExplorerStore } from '../state';
import { sendDecision } from './checks';
import { SendRefusalNotice } from './SendRefusalNotice';
import { useBudget, useRequestChecks } from './useRequestChecks';

const OWN_TRIGGERS = ['button', 'shortcut', 'history'] as const;

/** Send, Cancel and, when the request is held back, the reasons and an explicit "Send anyway". */
export function SendBar() {
  const { serverUrl, method, path } = useExplorerStore((state) => state.draft);
  // Until the explorer's config is read, an empty Server field is not the person's to fill yet.
  const configPending = useExplorerStore((state) => state.config === null);
  const checks = useRequestChecks();
  const budget = useBudget(serverUrl, method, path);
  const decision = sendDecision(checks, budget, false);
  const { view, cancel } = useRun();
  const pending = view.phase === 'pending';
  const held = !decision.allowed;
  return (
    <div className="send-bar">
      {held && checks.noServer && configPending ? (
        <p className="hint muted" role="status">
          Reading which servers this explorer may reach…
        </p>
      ) : held ? (
        <div role="alert" className="alert warn">
          {decision.overridable ? (
            <>
              <p>Send is held back because:</p>
              <ul>
                {decision.reasons.map((message) => (
                  <li key={message}>{message}</li>
                ))}
              </ul>
            </>
          ) : (
            <p>{decision.reasons[0]}</p>
          )}
        </div>
      ) : null}
      <SendRefusalNotice triggers={OWN_TRIGGERS} heldBackShown={held} />
      <div className="actions">
        <button type="button" className="primary" onClick={() => send('button')} disabled={held}>
          Send
        </button>
        {held && decision.overridable ? (
          <button type="button" data-send-anyway onClick={() => send('button', { override: true })}>
            Send anyway
          </button>
        ) : null}
        {pending ? (
          <button type="button" onClick={cancel}>
            Cancel
          </button>
        ) : null}
        <span className="muted shortcut">Ctrl+Enter</span>
      </div>
    </div>
  );
}
