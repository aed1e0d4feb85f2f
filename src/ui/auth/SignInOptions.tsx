import { useId, useState } from 'react';
import type { PasswordEncoding } from '../../core/auth';
import type { RememberMode } from './remember';
import { RememberChoice } from './RememberChoice';

export type BodyVariant = 'user' | 'userObject-username' | 'userObject-email' | 'username' | 'email';

export const BODY_VARIANTS: Array<{ value: BodyVariant; label: string }> = [
  { value: 'user', label: '{ user, password } (default; "@" means e-mail)' },
  { value: 'userObject-username', label: '{ user: { username }, password }' },
  { value: 'userObject-email', label: '{ user: { email }, password }' },
  { value: 'username', label: '{ username, password }' },
  { value: 'email', label: '{ email, password }' },
];

export interface SignInOptionsProps {
  busy: boolean;
  variant: BodyVariant;
  encoding: PasswordEncoding;
  rememberMode: RememberMode | null;
  onVariant(variant: BodyVariant): void;
  onEncoding(encoding: PasswordEncoding): void;
  onRemember(mode: RememberMode | null): void;
  onResume(token: string): void;
  onToken(userId: string, authToken: string): void;
}

/** Everything besides username + password: body variant, resume token, pasted personal access token, remember. */
export function SignInOptions(props: SignInOptionsProps) {
  const [resume, setResume] = useState('');
  const [userId, setUserId] = useState('');
  const [authToken, setAuthToken] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const ids = { variant: useId(), encoding: useId(), resume: useId(), userId: useId(), token: useId() };

  const submitToken = () => {
    const u = userId.trim();
    const t = authToken.trim();
    if (u === '' || t === '') {
      setProblem(
        `Fill in ${u === '' && t === '' ? 'both User ID and Auth token' : u === '' ? 'User ID' : 'Auth token'}: a personal access token only works together with the ID of the user it belongs to.`,
      );
      return;
    }
    setProblem(null);
    props.onToken(u, t);
    setAuthToken('');
  };

  return (
    <>
      <fieldset className="auth-fieldset">
        <legend>Login request body (for the fields above)</legend>
        <div className="auth-row">
          <span className="field">
            <label htmlFor={ids.variant}>Login body</label>
            <select
              id={ids.variant}
              value={props.variant}
              onChange={(e) => props.onVariant(e.target.value as BodyVariant)}
            >
              {BODY_VARIANTS.map((v) => (
                <option key={v.value} value={v.value}>
                  {v.label}
                </option>
              ))}
            </select>
          </span>
          <span className="field">
            <label htmlFor={ids.encoding}>Encoding</label>
            <select
              id={ids.encoding}
              value={props.encoding}
              onChange={(e) => props.onEncoding(e.target.value === 'sha-256' ? 'sha-256' : 'plain')}
            >
              <option value="plain">typed text</option>
              <option value="sha-256">{'{ digest, algorithm: "sha-256" }'}</option>
            </select>
          </span>
        </div>
      </fieldset>

      <fieldset className="auth-fieldset">
        <legend>Personal access token</legend>
        <p className="hint muted">
          Paste the user ID and the token shown when the token was created; Verify token checks them with
          /api/v1/me.
        </p>
        <form
          className="auth-row"
          onSubmit={(e) => {
            e.preventDefault();
            submitToken();
          }}
        >
          <span className="field">
            <label htmlFor={ids.userId}>User ID</label>
            <input
              id={ids.userId}
              value={userId}
              spellCheck={false}
              autoComplete="off"
              onChange={(e) => setUserId(e.target.value)}
            />
          </span>
          <span className="field">
            <label htmlFor={ids.token}>Auth token</label>
            <input
              id={ids.token}
              type="password"
              value={authToken}
              spellCheck={false}
              autoComplete="off"
              onChange={(e) => setAuthToken(e.target.value)}
            />
          </span>
          <button type="submit" disabled={props.busy}>
            Verify token
          </button>
        </form>
        {problem ? (
          <p role="alert" className="alert">
            {problem}
          </p>
        ) : null}
      </fieldset>

      <fieldset className="auth-fieldset">
        <legend>Resume token</legend>
        <form
          className="auth-row"
          onSubmit={(e) => {
            e.preventDefault();
            if (resume.trim() === '') {
              setProblem('Paste a resume (login) token first.');
              return;
            }
            props.onResume(resume.trim());
            setResume('');
          }}
        >
          <span className="field">
            <label htmlFor={ids.resume}>Resume token</label>
            <input
              id={ids.resume}
              type="password"
              value={resume}
              spellCheck={false}
              autoComplete="off"
              onChange={(e) => setResume(e.target.value)}
            />
          </span>
          <button type="submit" disabled={props.busy}>
            Use resume token
          </button>
        </form>
      </fieldset>

      <RememberChoice value={props.rememberMode} onChange={props.onRemember} />
    </>
  );
}
