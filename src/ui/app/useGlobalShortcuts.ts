import { useEffect } from 'react';

/** Ctrl/Cmd+Enter sends from anywhere, Ctrl/Cmd+K focuses the endpoint search. */
export function useGlobalShortcuts(handlers: { send: () => void; focusSearch: () => void }): void {
  const { send, focusSearch } = handlers;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const mod = event.ctrlKey || event.metaKey;
      if (!mod) return;
      if (event.key === 'Enter') {
        event.preventDefault();
        send();
      } else if (event.key.toLowerCase() === 'k') {
        event.preventDefault();
        focusSearch();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [send, focusSearch]);
}
