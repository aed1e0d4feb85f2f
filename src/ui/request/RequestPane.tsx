import { useRun } from '../runner/RunnerContext';
import { useExplorerStore } from '../state/store';

export function RequestPane() {
  const draft = useExplorerStore((state) => state.draft);
  const { setBody } = useExplorerStore((state) => state.actions);
  const { view, send, cancel } = useRun();
  const pending = view.phase === 'pending';
  const hasBody = draft.method !== 'GET';
  return (
    <section className="pane request" aria-label="Request">
      <h2 className="pane-title">Request</h2>
      <p className="operation-title">
        <span className={`method method-${draft.method.toLowerCase()}`}>{draft.method}</span>
        <code>{draft.path}</code>
      </p>
      {hasBody ? (
        <label className="field">
          <span>Body</span>
          <textarea
            className="code-input"
            rows={8}
            spellCheck={false}
            value={draft.body}
            onChange={(event) => setBody(event.target.value)}
          />
        </label>
      ) : null}
      <div className="actions">
        <button type="button" className="primary" onClick={send} disabled={draft.serverUrl.trim() === ''}>
          Send
        </button>
        {pending ? (
          <button type="button" onClick={cancel}>
            Cancel
          </button>
        ) : null}
        <span className="muted shortcut">Ctrl+Enter</span>
      </div>
    </section>
  );
}
