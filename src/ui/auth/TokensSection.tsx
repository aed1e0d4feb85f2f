import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { TwoFactorChallenge } from '../../core/auth';
import type { AuthCredentials, TwoFactorAnswer } from '../../core/http/types';
import { apiCaller } from './actions';
import { DiagnosisView } from './DiagnosisView';
import { listTokens, tokenAction, type FlowResult, type TokenAction } from './session';
import { TwoFactorPrompt } from './TwoFactorPrompt';

type Problem =
  | { kind: 'refused'; result: Extract<FlowResult<unknown>, { kind: 'refused' }> }
  | { kind: 'failed'; text: string };

/** Shown once, right after the server made it; never stored anywhere. */
function GeneratedToken({
  name,
  token,
  userId,
  onDone,
}: {
  name: string;
  token: string;
  userId: string;
  onDone: () => void;
}) {
  const [copied, setCopied] = useState<string | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token);
      setCopied('Copied to the clipboard.');
    } catch {
      setCopied('The browser refused clipboard access: select the token and copy it by hand.');
    }
  };
  return (
    <div className="alert warn auth-generated" role="region" aria-label="New personal access token">
      <p>
        <strong>Token “{name}” created.</strong> Copy it now: the server never shows it again and the explorer
        does not keep it.
      </p>
      <div className="auth-row">
        <input
          readOnly
          aria-label="New token"
          className="auth-token-value"
          value={token}
          onFocus={(e) => e.currentTarget.select()}
        />
        <button type="button" onClick={() => void copy()}>
          Copy token
        </button>
        <button type="button" onClick={onDone}>
          Done
        </button>
      </div>
      <p className="hint">
        Use it with the user ID <code>{userId}</code> (X-User-Id) as X-Auth-Token.
      </p>
      {copied ? (
        <p role="status" className="hint">
          {copied}
        </p>
      ) : null}
    </div>
  );
}

/** The signed-in user's personal access tokens: list, generate (with 2FA), regenerate, remove. */
export function TokensSection({
  serverUrl,
  credentials,
  visible,
}: {
  serverUrl: string;
  credentials: AuthCredentials;
  visible: boolean;
}) {
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const [name, setName] = useState('');
  const [bypass, setBypass] = useState(false);
  const [pending, setPending] = useState<{ action: TokenAction; challenge: TwoFactorChallenge } | null>(null);
  const [generated, setGenerated] = useState<{ name: string; token: string } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const nameId = useId();
  const bypassId = useId();
  // Keyed by server and user ID, never the token; loaded when the panel is open, no retries
  // (each call counts against the rate limit).
  // eslint-disable-next-line @tanstack/query/exhaustive-deps -- the token must never be part of a query key
  const list = useQuery({
    queryKey: ['auth', 'personal-access-tokens', serverUrl, credentials.userId],
    queryFn: () => listTokens(apiCaller(), serverUrl, credentials),
    enabled: visible,
    retry: false,
    staleTime: 30_000,
    refetchOnWindowFocus: false,
  });
  const tokens = list.data?.kind === 'ok' ? list.data.value : null;
  const listProblem = list.data && list.data.kind !== 'ok' ? list.data : null;
  const load = () => list.refetch();

  const showProblem = (result: FlowResult<unknown>) => {
    if (result.kind === 'refused') setProblem({ kind: 'refused', result });
    else if (result.kind === 'failed')
      setProblem({ kind: 'failed', text: `${result.failure.message} ${result.failure.nextStep}` });
  };

  const run = async (action: TokenAction, twoFactor?: TwoFactorAnswer) => {
    setBusy(true);
    setProblem(null);
    setDone(null);
    const result = await tokenAction(apiCaller(), serverUrl, credentials, action, twoFactor);
    setBusy(false);
    if (result.kind === 'two-factor') {
      setPending({ action, challenge: result.challenge });
      return;
    }
    setPending(null);
    if (result.kind !== 'ok') {
      showProblem(result);
      return;
    }
    if (result.value !== null) setGenerated({ name: action.tokenName, token: result.value });
    if (action.kind === 'generate') setName('');
    setDone(
      action.kind === 'remove'
        ? `Token “${action.tokenName}” removed: requests using it now fail with 401.`
        : null,
    );
    await load();
  };

  const actionWords = (action: TokenAction) =>
    action.kind === 'generate'
      ? `generate “${action.tokenName}”`
      : action.kind === 'regenerate'
        ? `regenerate “${action.tokenName}”`
        : `remove “${action.tokenName}”`;

  return (
    <section className="auth-tokens" aria-label="Personal access tokens">
      <h3>Personal access tokens</h3>
      {generated ? (
        <GeneratedToken
          name={generated.name}
          token={generated.token}
          userId={credentials.userId}
          onDone={() => setGenerated(null)}
        />
      ) : null}
      {pending ? (
        <div className="alert warn">
          <p>To {actionWords(pending.action)}, the server asks for a second factor.</p>
          <TwoFactorPrompt
            challenge={pending.challenge}
            submitLabel="Confirm"
            busy={busy}
            onAnswer={(answer) => void run(pending.action, answer)}
            onCancel={() => setPending(null)}
          />
        </div>
      ) : null}
      {listProblem?.kind === 'refused' ? (
        <DiagnosisView diagnosis={listProblem.diagnosis} label="Token list refused" />
      ) : null}
      {listProblem?.kind === 'failed' ? (
        <p role="alert" className="alert">
          {listProblem.failure.message} {listProblem.failure.nextStep}
        </p>
      ) : null}
      {problem?.kind === 'refused' ? <DiagnosisView diagnosis={problem.result.diagnosis} /> : null}
      {problem?.kind === 'failed' ? (
        <p role="alert" className="alert">
          {problem.text}
        </p>
      ) : null}
      {done ? (
        <p role="status" className="hint">
          {done}
        </p>
      ) : null}
      {tokens === null ? null : tokens.length === 0 ? (
        <p className="hint muted">No personal access tokens yet.</p>
      ) : (
        <table className="auth-token-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Created</th>
              <th scope="col">Ends with</th>
              <th scope="col">Skips 2FA</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((t) => (
              <tr key={t.name}>
                <td>{t.name}</td>
                <td>{t.createdAt ? new Date(t.createdAt).toLocaleString() : '—'}</td>
                <td>{t.lastTokenPart ? <code>…{t.lastTokenPart}</code> : '—'}</td>
                <td>{t.bypassTwoFactor ? 'yes' : 'no'}</td>
                <td className="auth-token-actions">
                  <button
                    type="button"
                    disabled={busy}
                    aria-label={`Regenerate ${t.name}`}
                    onClick={() => void run({ kind: 'regenerate', tokenName: t.name })}
                  >
                    Regenerate
                  </button>
                  <button
                    type="button"
                    disabled={busy}
                    aria-label={`Remove ${t.name}`}
                    onClick={() => void run({ kind: 'remove', tokenName: t.name })}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form
        className="auth-row"
        onSubmit={(e) => {
          e.preventDefault();
          const tokenName = name.trim();
          if (tokenName === '') {
            setProblem({
              kind: 'failed',
              text: 'Give the token a name first: names identify tokens for regenerating and removing.',
            });
            return;
          }
          if (tokens?.some((t) => t.name === tokenName)) {
            setProblem({
              kind: 'failed',
              text: `A token named “${tokenName}” already exists: choose another name, or regenerate that one.`,
            });
            return;
          }
          void run({ kind: 'generate', tokenName, bypassTwoFactor: bypass });
        }}
      >
        <span className="field">
          <label htmlFor={nameId}>Token name</label>
          <input id={nameId} value={name} autoComplete="off" onChange={(e) => setName(e.target.value)} />
        </span>
        <span className="auth-check">
          <input
            id={bypassId}
            type="checkbox"
            checked={bypass}
            onChange={(e) => setBypass(e.target.checked)}
          />
          <label htmlFor={bypassId}>Skip two-factor checks with this token</label>
        </span>
        <button type="submit" disabled={busy}>
          Generate token
        </button>
        <button type="button" disabled={busy || list.isFetching} onClick={() => void load()}>
          Refresh list
        </button>
      </form>
    </section>
  );
}
