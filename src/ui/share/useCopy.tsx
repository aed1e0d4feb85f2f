import { useEffect, useId, useRef, useState } from 'react';

export type CopyState =
  | { kind: 'idle' }
  | { kind: 'copied'; message: string }
  /** The clipboard was refused: the text is shown selected so Ctrl+C copies it. */
  | { kind: 'refused'; text: string; what: string }
  | { kind: 'error'; message: string };

/**
 * Copies text to the clipboard and says what happened. When the browser refuses (no permission,
 * no focus, an insecure context), the text is put in a read-only field, selected, with an alert
 * that says how to copy it by hand: the person never ends up with nothing.
 */
export function useCopy(): {
  state: CopyState;
  copy(text: string, what: string, message: string): Promise<void>;
  fail(message: string): void;
  reset(): void;
} {
  const [state, setState] = useState<CopyState>({ kind: 'idle' });
  const copy = async (text: string, what: string, message: string) => {
    try {
      if (!navigator.clipboard?.writeText) throw new Error('no clipboard');
      await navigator.clipboard.writeText(text);
      setState({ kind: 'copied', message });
    } catch {
      setState({ kind: 'refused', text, what });
    }
  };
  return {
    state,
    copy,
    fail: (message) => setState({ kind: 'error', message }),
    reset: () => setState({ kind: 'idle' }),
  };
}

/** The outcome line of a copy: a status when copied, an alert (with the text to copy by hand) when not. */
export function CopyOutcome({ state, onClose }: { state: CopyState; onClose(): void }) {
  const fieldId = useId();
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (state.kind === 'refused') {
      field.current?.focus();
      field.current?.select();
    }
  }, [state]);
  if (state.kind === 'idle') return null;
  if (state.kind === 'copied') {
    return (
      <p role="status" className="hint share-copied">
        {state.message}
      </p>
    );
  }
  if (state.kind === 'error') {
    return (
      <div role="alert" className="alert">
        <p>{state.message}</p>
        <button type="button" onClick={onClose}>
          Dismiss
        </button>
      </div>
    );
  }
  return (
    <div className="alert warn share-fallback">
      <p role="alert">
        The browser did not allow copying to the clipboard. The {state.what} is selected below: press Ctrl+C
        (⌘C on a Mac) to copy it.
      </p>
      <label htmlFor={fieldId} className="sr-only">
        {`The ${state.what}, to copy by hand`}
      </label>
      <textarea
        id={fieldId}
        ref={field}
        readOnly
        spellCheck={false}
        rows={Math.min(6, state.text.split('\n').length + 1)}
        className="code-input"
        value={state.text}
        onFocus={(event) => event.currentTarget.select()}
      />
      <button type="button" onClick={onClose}>
        Done
      </button>
    </div>
  );
}
