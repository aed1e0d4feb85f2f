import { useExplorerStore } from '../state/store';

/** Slot owned by the catalog feature: method, path and description of the chosen operation. */
export function OperationDetails() {
  const method = useExplorerStore((state) => state.draft.method);
  const path = useExplorerStore((state) => state.draft.path);
  return (
    <p className="operation-title">
      <span className={`method method-${method.toLowerCase()}`}>{method}</span>
      <code>{path}</code>
    </p>
  );
}
