import { useEffect, useId, useRef, useState, type FormEvent, type RefObject } from 'react';
import type { LoginInput, PasswordEncoding, TwoFactorChallenge } from '../../core/auth';
import { trimServerUrl } from '../../core/http/server-url';
import type { TwoFactorAnswer } from '../../core/http/types';
import { useExplorerStore } from '../state';
import { AccountSection } from './AccountSection';
import { apiCaller, completeSignIn, signOutOf, verify } from './actions';
import { useAuthUi, type Notice, type SessionSource } from './auth-ui-store';
import { DiagnosisView } from './DiagnosisView';
import type { RememberMode } from './remember';
import { signIn, type FlowResult } from './session';
import { SignInOptions, type BodyVariant } from './SignInOptions';
import { TwoFactorPrompt } from './TwoFactorPrompt';
import './auth.css';

type Refusal = Extract<FlowResult<unknown>, { kind: 'refused' }>;

function loginInput(
  variant: BodyVariant,
  name: string,
  password: string,
  encoding: PasswordEncoding,
): LoginInput {
  switch (variant) {
    case 'userObject-username':
      return { kind: 'userObject', by: 'username', value: name, password, encoding };
    case 'userObject-email':
      return { kind: 'userObject', by: 'email', value: name, password, encoding };
    case 'username':
      return { kind: 'username', username: name, password, encoding };
    case 'email':
      return { kind: 'email', email: name, password, encoding };
    default:
      return { kind: 'user', user: name, password, encoding };
  }
}

function NoticeLine({ notice }: { notice: Notice }) {
  if (notice.tone === 'error') {
    return (
      <p role="alert" className="alert">
        {notice.text}
      </p>
    );
  }
  return (
    <p role="status" className={notice.tone === 'ok' ? 'hint auth-ok' : 'hint'}>
      {notice.text}
    </p>
  );
}

/**
 * The panel behaves like a popover: Escape (from anywhere, since the focused control may have
 * just disappeared) and a press outside the region close it; its content stays mounted, so a
 * freshly generated token or a half-typed form survives closing and reopening.
 */
const closePanel = (): void => useAuthUi.getState().setPanelOpen(false);

function usePopoverDismiss(
  open: boolean,
  region: RefObject<HTMLElement | null>,
  close: () => void,
  toggle: RefObject<HTMLElement | null>,
) {
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      const inside = region.current?.contains(document.activeElement) ?? false;
      close();
      if (inside || document.activeElement === document.body) toggle.current?.focus();
    };
    const onPointer = (event: PointerEvent) => {
      if (event.target instanceof Node && region.current && !region.current.contains(event.target)) close();
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open, region, close, toggle]);
}

/**
 * The Authentication region in the header, per server (the one in the Server field): a compact
 * username + password form (or who is signed in, and Sign out), and a panel with every other way
 * in, the 2FA prompt, Verify token, remembering, and personal access tokens.
 */
export function AuthPanel() {
  const server = useExplorerStore((s) => trimServerUrl(s.draft.serverUrl));
  const user = useExplorerStore((s) => s.auth[server]);
  const session = useAuthUi((s) => s.sessions[server]);
  const notice = useAuthUi((s) => s.notices[server]);
  const open = useAuthUi((s) => s.panelOpen);
  const { setPanelOpen, setNotice } = useAuthUi.getState();

  const [name, setName] = useState('');
  // The password lives in this component's state only while typed; it is cleared after each try.
  const [password, setPassword] = useState('');
  const [variant, setVariant] = useState<BodyVariant>('user');
  const [encoding, setEncoding] = useState<PasswordEncoding>('plain');
  const [rememberMode, setRememberMode] = useState<RememberMode | null>(null);
  const [busy, setBusy] = useState(false);
  const [challenge, setChallenge] = useState<{
    server: string;
    input: LoginInput;
    challenge: TwoFactorChallenge;
  } | null>(null);
  const [refusal, setRefusal] = useState<{ server: string; result: Refusal } | null>(null);
  const panelId = useId();
  const nameId = useId();
  const passwordId = useId();
  const toggleRef = useRef<HTMLButtonElement>(null);
  const regionRef = useRef<HTMLDivElement>(null);
  usePopoverDismiss(open, regionRef, closePanel, toggleRef);

  // Another server shows its own state: a challenge or refusal for the previous one is not shown.
  const shownChallenge = challenge?.server === server ? challenge : null;
  const shownRefusal = refusal?.server === server ? refusal.result : null;

  const attempt = async (input: LoginInput, source: SessionSource, twoFactor?: TwoFactorAnswer) => {
    if (server === '') {
      setNotice(server, {
        tone: 'error',
        text: 'Enter the server URL first (the Server field): credentials belong to one server.',
      });
      return;
    }
    setBusy(true);
    setRefusal(null);
    setNotice(server, null);
    const result = await signIn(apiCaller(), server, input, twoFactor);
    setBusy(false);
    if (result.kind === 'ok') {
      setChallenge(null);
      setPassword('');
      await completeSignIn(server, result.value, source, rememberMode);
      setNotice(server, { tone: 'ok', text: `Signed in to ${server}.` });
      return;
    }
    setPanelOpen(true);
    if (result.kind === 'two-factor') {
      // Kept until answered: the retry sends the same body plus the x-2fa headers.
      setChallenge({ server, input, challenge: result.challenge });
      return;
    }
    setChallenge(null);
    setPassword('');
    if (result.kind === 'refused') setRefusal({ server, result });
    else setNotice(server, { tone: 'error', text: `${result.failure.message} ${result.failure.nextStep}` });
  };

  const submitPassword = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === '' || password === '') {
      setPanelOpen(true);
      setNotice(server, {
        tone: 'error',
        text: `Fill in ${name.trim() === '' ? 'Username or email' : 'Password'} to sign in.`,
      });
      return;
    }
    void attempt(loginInput(variant, name, password, encoding), 'password');
  };

  const submitToken = async (userId: string, authToken: string) => {
    if (server === '') {
      setNotice(server, {
        tone: 'error',
        text: 'Enter the server URL first (the Server field): a token belongs to one server.',
      });
      return;
    }
    setBusy(true);
    setRefusal(null);
    setNotice(server, null);
    const result = await verify(server, { userId, authToken }, 'token', rememberMode);
    setBusy(false);
    if (result.kind === 'ok')
      setNotice(server, {
        tone: 'ok',
        text: `Token verified with /api/v1/me: it belongs to ${result.value.username ?? userId}.`,
      });
    else if (result.kind === 'refused') setRefusal({ server, result });
    else if (result.kind === 'failed')
      setNotice(server, { tone: 'error', text: `${result.failure.message} ${result.failure.nextStep}` });
    else
      setNotice(server, {
        tone: 'error',
        text: 'The server asked for two-factor authentication on /api/v1/me, which it does not normally do.',
      });
  };

  const doSignOut = async () => {
    setBusy(true);
    const result = await signOutOf(server);
    setBusy(false);
    setRememberMode(null);
    setNotice(server, { tone: result.confirmed ? 'ok' : 'error', text: result.message });
    // The outcome (above all a failed logout) is shown in the panel.
    setPanelOpen(true);
  };

  const displayName = user ? (user.username ?? `user ${user.credentials.userId}`) : '';

  return (
    <div ref={regionRef} role="region" aria-label="Authentication" className="auth-panel">
      {user ? (
        <div className="auth-inline">
          <p role="status" aria-label={`Signed in as ${displayName}`} className="auth-who">
            Signed in as <strong>{displayName}</strong>
            {session?.verified ? null : <span className="muted"> (not verified)</span>}
          </p>
          <button type="button" onClick={() => void doSignOut()} disabled={busy}>
            Sign out
          </button>
        </div>
      ) : (
        <form className="auth-inline" onSubmit={submitPassword}>
          <label htmlFor={nameId} className="sr-only">
            Username or email
          </label>
          <input
            id={nameId}
            className="auth-name"
            placeholder="Username or email"
            autoComplete="username"
            spellCheck={false}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
          <label htmlFor={passwordId} className="sr-only">
            Password
          </label>
          <input
            id={passwordId}
            className="auth-password"
            type="password"
            placeholder="Password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <button type="submit" className="primary" disabled={busy}>
            Sign in
          </button>
        </form>
      )}
      <button
        ref={toggleRef}
        type="button"
        className="auth-toggle"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setPanelOpen(!open)}
      >
        {user ? 'Account and tokens' : 'More sign-in options'}
      </button>
      <div id={panelId} className="auth-popover" hidden={!open}>
        <div className="auth-popover-head">
          <h2 className="auth-title">
            Authentication for <code>{server || '(no server)'}</code>
          </h2>
          <button type="button" onClick={() => setPanelOpen(false)} aria-label="Close authentication panel">
            ×
          </button>
        </div>
        {notice ? <NoticeLine notice={notice} /> : null}
        {shownRefusal ? (
          <DiagnosisView
            diagnosis={shownRefusal.diagnosis}
            {...(shownRefusal.diagnosis.sentHeaders.some((h) => h.value)
              ? {}
              : { sent: 'a POST /api/v1/login body (sign-in sends no X-User-Id or X-Auth-Token)' })}
          />
        ) : null}
        {user ? (
          <AccountSection server={server} user={user} session={session} visible={open} busy={busy} />
        ) : (
          <>
            {shownChallenge ? (
              <div className="alert warn">
                <p>
                  <strong>Two-factor authentication required to sign in.</strong>
                </p>
                <TwoFactorPrompt
                  challenge={shownChallenge.challenge}
                  submitLabel="Verify code"
                  busy={busy}
                  onAnswer={(answer) => void attempt(shownChallenge.input, 'password', answer)}
                  onCancel={() => setChallenge(null)}
                />
              </div>
            ) : null}
            <SignInOptions
              busy={busy}
              variant={variant}
              encoding={encoding}
              rememberMode={rememberMode}
              onVariant={setVariant}
              onEncoding={setEncoding}
              onRemember={setRememberMode}
              onResume={(token) => void attempt({ kind: 'resume', token }, 'resume')}
              onToken={(userId, authToken) => void submitToken(userId, authToken)}
            />
          </>
        )}
      </div>
    </div>
  );
}
