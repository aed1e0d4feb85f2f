import { useExplorerStore } from '../state/store';

/** Slot owned by the editor feature: query/fields/sort editors and the Body editor (Monaco, lazily). */
export function JsonEditors() {
  const method = useExplorerStore((state) => state.draft.method);
  const body = useExplorerStore((state) => state.draft.body);
  const setBody = useExplorerStore((state) => state.actions.setBody);
  if (method === 'GET') return null;
  return (
    <label className="field">
      <span>Body</span>
      <textarea
        className="code-input"
        rows={8}
        spellCheck={false}
        value={body}
        onChange={(event) => setBody(event.target.value)}
      />
    </label>
  );
}
