import { useShallow } from 'zustand/react/shallow';
import { useRun } from '../runner/RunnerContext';
import { selectBlockerMessages, useExplorerStore } from '../state/store';

/** Send, Cancel and, when inputs have problems, the reasons and an explicit "Send anyway". */
export function SendBar() {
  const serverUrl = useExplorerStore((state) => state.draft.serverUrl);
  const blockers = useExplorerStore(useShallow(selectBlockerMessages));
  const { view, send, cancel } = useRun();
  const pending = view.phase === 'pending';
  const noServer = serverUrl.trim() === '';
  const blocked = blockers.length > 0;
  return (
    <div className="send-bar">
      {blocked ? (
        <div role="alert" className="alert warn">
          <p>Send is held back because:</p>
          <ul>
            {blockers.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {noServer ? (
        <p role="alert" className="alert warn">
          Enter the server URL in the Server field first.
        </p>
      ) : null}
      <div className="actions">
        <button type="button" className="primary" onClick={send} disabled={noServer || blocked}>
          Send
        </button>
        {blocked ? (
          <button type="button" onClick={send} disabled={noServer}>
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
