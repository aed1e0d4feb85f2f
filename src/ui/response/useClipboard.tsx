import { useState, type ReactNode } from 'react';

/** Copies text and says so (or says why not, in an alert, with the next step). */
export function useClipboard(): {
  copy(text: string, what: string): Promise<void>;
  refuse(reason: string): void;
  message: ReactNode;
} {
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const copy = async (text: string, what: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setResult({ ok: true, text: `Copied ${what}` });
    } catch {
      setResult({
        ok: false,
        text: `The browser did not allow copying the ${what}. Allow clipboard access for this page, or select the text in the Raw tab and copy it by hand.`,
      });
    }
  };
  const refuse = (reason: string) => setResult({ ok: false, text: reason });
  const message = result ? (
    <span role={result.ok ? 'status' : 'alert'} className={result.ok ? 'muted' : 'alert error'}>
      {result.text}
    </span>
  ) : null;
  return { copy, refuse, message };
}
