import { useId, useState, type FormEvent } from 'react';
import { buildTwoFactorHeaders, type TwoFactorChallenge } from '../../core/auth';
import type { TwoFactorAnswer } from '../../core/http/types';

/**
 * The field is named after what the server asked for: asking for "Two-factor code" when the
 * server wants the account password (its fallback when no second factor is enabled) leaves
 * people guessing which code.
 */
export function twoFactorFieldLabel(method: string): string {
  if (method === 'password') return 'Password to confirm';
  if (method === 'totp') return 'Two-factor code from your authenticator app';
  if (method === 'email') return 'Two-factor code from the e-mail';
  return 'Two-factor code';
}

/**
 * Asks for the answer to a 2FA challenge: the method the server picked (and the others it
 * offers), then the code. For the `password` method the input is a password field and the header
 * carries the password's SHA-256 digest, as the server expects. The code is never kept after use.
 */
export function TwoFactorPrompt({
  challenge,
  submitLabel,
  busy,
  onAnswer,
  onCancel,
  autoFocus = true,
  showPrompt = true,
}: {
  challenge: TwoFactorChallenge;
  submitLabel: string;
  busy: boolean;
  onAnswer: (answer: TwoFactorAnswer) => void;
  onCancel?: () => void;
  autoFocus?: boolean;
  /** Off where the surrounding text already asks (the diagnosis's next step). */
  showPrompt?: boolean;
}) {
  const [code, setCode] = useState('');
  const [method, setMethod] = useState<string>(challenge.method);
  const [problem, setProblem] = useState<string | null>(null);
  const codeId = useId();
  const methodId = useId();
  const methods = [...new Set([challenge.method, ...challenge.availableMethods])];
  const isPassword = method === 'password';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (code.trim() === '') {
      setProblem(isPassword ? 'Type your password to confirm.' : 'Type the code first.');
      return;
    }
    if (method === 'totp' && !/^\d{6,8}$/.test(code.replace(/\s+/g, ''))) {
      setProblem('An authenticator code is 6 digits (spaces are ignored). Check the code and try again.');
      return;
    }
    setProblem(null);
    try {
      const headers = await buildTwoFactorHeaders(method, code);
      setCode('');
      onAnswer({ code: headers['x-2fa-code'], method: headers['x-2fa-method'] });
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <form className="auth-2fa" onSubmit={(e) => void submit(e)} aria-label="Two-factor authentication">
      {showPrompt ? (
        <p className={challenge.kind === 'required' ? 'auth-2fa-prompt' : 'auth-2fa-prompt warning'}>
          {challenge.prompt}
        </p>
      ) : null}
      <p className="hint muted">
        Method asked for: <strong>{challenge.method}</strong>
        {challenge.availableMethods.length > 0
          ? ` · enabled for this user: ${challenge.availableMethods.join(', ')}`
          : ' · no second factor is enabled for this user, so the server falls back to the password'}
        {challenge.codeGenerated && challenge.emailOrUsername
          ? ` · code e-mailed to ${challenge.emailOrUsername}`
          : ''}
      </p>
      <div className="auth-row">
        {methods.length > 1 ? (
          <span className="field">
            <label htmlFor={methodId}>Method</label>
            <select id={methodId} value={method} onChange={(e) => setMethod(e.target.value)}>
              {methods.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </select>
          </span>
        ) : null}
        <span className="field">
          <label htmlFor={codeId}>{twoFactorFieldLabel(method)}</label>
          <input
            id={codeId}
            type={isPassword ? 'password' : 'text'}
            inputMode={isPassword ? undefined : 'numeric'}
            autoComplete={isPassword ? 'current-password' : 'one-time-code'}
            spellCheck={false}
            value={code}
            autoFocus={autoFocus}
            aria-describedby={problem ? `${codeId}-problem` : undefined}
            onChange={(e) => setCode(e.target.value)}
          />
        </span>
        <button type="submit" className="primary" disabled={busy}>
          {submitLabel}
        </button>
        {onCancel ? (
          <button type="button" onClick={onCancel} disabled={busy}>
            Dismiss
          </button>
        ) : null}
      </div>
      {problem ? (
        <p role="alert" id={`${codeId}-problem`} className="alert">
          {problem}
        </p>
      ) : null}
    </form>
  );
}
