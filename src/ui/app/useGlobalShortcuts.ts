import { useEffect } from 'react';
import { send } from '../runner';

/**
 * Ctrl/Cmd+Enter sends from anywhere, through the same decision as the Send button: when the
 * request is held back it sends nothing, says why, and puts the focus on "Send anyway".
 * Ctrl/Cmd+K focuses the endpoint search.
 */
export function useGlobalShortcuts(focusSearch: () => void): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const mod = event.ctrlKey || event.metaKey;
      if (!mod) return;
      if (event.key === 'Enter') {
        event.preventDefault();
        if (send('shortcut').refused) {
          // After React has shown the refusal (and the button, if the draft just became held back).
          requestAnimationFrame(() =>
            document.querySelector<HTMLButtonElement>('button[data-send-anyway]')?.focus(),
          );
        }
      } else if (event.key.toLowerCase() === 'k') {
        event.preventDefault();
        focusSearch();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [focusSearch]);
}
