import { useEffect, useId, useState } from 'react';
import { generateSnippet, SNIPPET_TARGETS, type SnippetTarget } from '../../core/snippets';
import { trimServerUrl } from '../../core/http/server-url';
import { useExplorerStore } from '../state';
import { useSettled } from '../lib/useSettled';
import { knownSecretsOf } from './hash-route';
import { CopyOutcome, useCopy } from './useCopy';

/**
 * The Code snippet disclosure's content (a lazy chunk: this module and the generator load when the
 * disclosure is first opened). Placeholders by default; the real token only after an explicit
 * opt-in, with a warning that stays visible while it is on.
 */
export default function SnippetPanel({ needsAuth }: { needsAuth: boolean }) {
  const liveDraft = useExplorerStore((state) => state.draft);
  // With a large Body the snippet is remade when typing pauses, not on every keystroke.
  const draft = useSettled(liveDraft, liveDraft.body.length);
  const signedIn = useExplorerStore((state) => state.auth[trimServerUrl(state.draft.serverUrl)]);
  const auth = useExplorerStore((state) => state.auth);
  const run = useExplorerStore((state) => state.run);
  const [target, setTarget] = useState<SnippetTarget>('curl');
  /** The server the person opted in for: another server (another user) needs its own opt-in. */
  const [tokenOptIn, setTokenOptIn] = useState<string | null>(null);
  const [code, setCode] = useState<{ text: string } | { error: string } | null>(null);
  const { state: copyState, copy, reset } = useCopy();
  const selectId = useId();
  const codeId = useId();
  const credentials = signedIn?.credentials;
  const server = trimServerUrl(draft.serverUrl);
  const real = tokenOptIn === server && credentials !== undefined;

  useEffect(() => {
    let current = true;
    generateSnippet(draft, target, {
      auth: !needsAuth ? 'none' : real ? 'real' : 'placeholders',
      ...(real ? { credentials } : {}),
      knownSecrets: knownSecretsOf(auth, run),
    }).then(
      (text) => current && setCode({ text }),
      (error: unknown) =>
        current &&
        setCode({
          error: `The snippet could not be made: ${error instanceof Error ? error.message : String(error)}.`,
        }),
    );
    return () => {
      current = false;
    };
  }, [draft, target, real, credentials, needsAuth, auth, run]);

  const label = SNIPPET_TARGETS.find((t) => t.id === target)?.label ?? target;
  return (
    <div className="snippet-panel">
      <div className="snippet-options">
        <label htmlFor={selectId}>Language</label>
        <select
          id={selectId}
          value={target}
          onChange={(event) => setTarget(event.target.value as SnippetTarget)}
        >
          {SNIPPET_TARGETS.map((t) => (
            <option key={t.id} value={t.id}>
              {t.label}
            </option>
          ))}
        </select>
        {needsAuth ? (
          <label className="snippet-token">
            <input
              type="checkbox"
              checked={real}
              disabled={!credentials}
              onChange={(event) => setTokenOptIn(event.target.checked ? server : null)}
            />
            Include my real token
          </label>
        ) : null}
      </div>
      {needsAuth && !credentials ? (
        <p className="hint muted">
          The snippet uses the placeholders $RC_USER_ID and $RC_AUTH_TOKEN. Sign in to be able to include your
          real token.
        </p>
      ) : null}
      {real ? (
        <p role="alert" className="alert warn hint">
          This snippet contains your real auth token: anyone who reads it can act as you until you sign out.
          Do not paste it into tickets, chats or screenshots.
        </p>
      ) : null}
      {code && 'error' in code ? (
        <p role="alert" className="alert">
          {code.error}
        </p>
      ) : (
        <pre id={codeId} className="snippet-code" role="region" tabIndex={0} aria-label={`${label} snippet`}>
          <code>{code?.text ?? 'Generating…'}</code>
        </pre>
      )}
      <div className="actions">
        <button
          type="button"
          disabled={!code || 'error' in code}
          onClick={() => {
            if (code && 'text' in code)
              void copy(
                code.text,
                `${label} snippet`,
                `${label} snippet copied${real ? ' (with your real token)' : ''}.`,
              );
          }}
        >
          Copy snippet
        </button>
      </div>
      <CopyOutcome state={copyState} onClose={reset} />
    </div>
  );
}
