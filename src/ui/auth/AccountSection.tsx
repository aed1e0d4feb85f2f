import { useState } from 'react';
import { maskSecret } from '../../core/redact';
import type { SignedInUser } from '../state';
import { forgetLocally, setRemember, verify } from './actions';
import { useAuthUi, type ServerSession } from './auth-ui-store';
import { DiagnosisView } from './DiagnosisView';
import { RememberChoice } from './RememberChoice';
import type { FlowResult, Verified } from './session';
import { TokensSection } from './TokensSection';

const SOURCE_WORDS: Record<ServerSession['source'], string> = {
  password: 'signed in with a password',
  resume: 'signed in with a resume token',
  token: 'using a pasted personal access token',
  remembered: 'restored from this device',
};

/** Roles and the rate-limit bypass, saying where the answer came from. */
function RateLimitLine({ session, user }: { session: ServerSession | undefined; user: SignedInUser }) {
  const bypass = session?.verified?.bypass;
  if (!bypass) {
    return (
      <p className="hint muted">
        Rate limit: not known yet; Verify token finds out whether this user bypasses it.
      </p>
    );
  }
  const how =
    bypass.source === 'server'
      ? `read from the server's permissions (api-bypass-rate-limit is granted to ${bypass.grantingRoles.join(', ') || 'no role'})`
      : `inferred from the roles: api-bypass-rate-limit belongs to ${bypass.grantingRoles.join(', ')} by default, and the server's permission list could not be read`;
  return (
    <p className="hint">
      Rate limit: {user.bypassesRateLimit ? <strong>bypassed</strong> : <strong>applies</strong>} ({how}).
    </p>
  );
}

/** The signed-in view of the panel: who, Verify token, remember, personal access tokens. */
export function AccountSection({
  server,
  user,
  session,
  visible,
  busy,
}: {
  server: string;
  user: SignedInUser;
  session: ServerSession | undefined;
  visible: boolean;
  busy: boolean;
}) {
  const [checking, setChecking] = useState(false);
  const [result, setResult] = useState<FlowResult<Verified> | null>(null);
  const [rememberProblem, setRememberProblem] = useState<string | null>(null);
  const setNotice = useAuthUi((s) => s.setNotice);

  const check = async () => {
    setChecking(true);
    setResult(await verify(server, user.credentials, null));
    setChecking(false);
  };

  const roles = user.roles ?? session?.verified?.roles;
  return (
    <div className="auth-account">
      <dl className="auth-facts">
        <dt>User</dt>
        <dd>
          {user.username ?? 'unknown until verified'} · {SOURCE_WORDS[session?.source ?? 'password']}
        </dd>
        <dt>Headers</dt>
        <dd>
          X-User-Id <code>{maskSecret(user.credentials.userId)}</code>, X-Auth-Token{' '}
          <code>{maskSecret(user.credentials.authToken)}</code>
        </dd>
        <dt>Roles</dt>
        <dd>{roles && roles.length > 0 ? roles.join(', ') : 'not known yet'}</dd>
      </dl>
      <RateLimitLine session={session} user={user} />
      <div className="auth-row">
        <button type="button" onClick={() => void check()} disabled={checking || busy}>
          Verify token
        </button>
        {session?.source === 'token' ? (
          <button
            type="button"
            onClick={() => {
              forgetLocally(server);
              setNotice(server, {
                tone: 'ok',
                text: 'The token was forgotten here; it still works on the server.',
              });
            }}
          >
            Forget token here only
          </button>
        ) : null}
      </div>
      {session?.source === 'token' ? (
        <p className="hint muted">
          Sign out calls /api/v1/logout, which revokes the token that was sent: a pasted personal access token
          stops working everywhere.
        </p>
      ) : null}
      {result?.kind === 'ok' ? (
        <p role="status" className="hint auth-ok">
          Token valid: /api/v1/me answered as {result.value.username ?? result.value.userId} (roles{' '}
          {result.value.roles.join(', ') || 'none'}).
        </p>
      ) : null}
      {result?.kind === 'refused' ? <DiagnosisView diagnosis={result.diagnosis} /> : null}
      {result?.kind === 'failed' ? (
        <p role="alert" className="alert">
          {result.failure.message} {result.failure.nextStep}
        </p>
      ) : null}
      <RememberChoice
        value={session?.remember ?? null}
        onChange={(mode) => {
          const ok = setRemember(server, mode);
          setRememberProblem(
            ok
              ? null
              : 'This browser refused the storage (private mode or a policy): the token stays in memory only.',
          );
        }}
      />
      {rememberProblem ? (
        <p role="alert" className="alert">
          {rememberProblem}
        </p>
      ) : null}
      <TokensSection serverUrl={server} credentials={user.credentials} visible={visible} />
    </div>
  );
}
