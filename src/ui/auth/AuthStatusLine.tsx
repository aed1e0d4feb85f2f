import { trimServerUrl } from '../../core/http/server-url';
import { maskSecret } from '../../core/redact/mask';
import { useExplorerStore } from '../state';
import { useAuthUi } from './auth-ui-store';

/** Who requests to the current server are sent as, in one line, with the headers masked. */
export function AuthStatusLine() {
  const server = useExplorerStore((s) => trimServerUrl(s.draft.serverUrl));
  const user = useExplorerStore((s) => s.auth[server]);
  if (server === '') return null;
  return (
    // A plain paragraph: its text says "Sent as …" already, and aria-label is prohibited on a <p>.
    <p className="hint auth-status-line">
      {user ? (
        <>
          Sent as <strong>{user.username ?? 'a user not verified yet'}</strong>: X-User-Id{' '}
          <code>{maskSecret(user.credentials.userId)}</code>, X-Auth-Token{' '}
          <code>{maskSecret(user.credentials.authToken)}</code>
          {user.bypassesRateLimit ? ' · bypasses the rate limit' : ''}
        </>
      ) : (
        <>
          Sent without credentials: not signed in to this server.{' '}
          <button type="button" className="auth-link" onClick={() => useAuthUi.getState().setPanelOpen(true)}>
            Sign-in options
          </button>
        </>
      )}
    </p>
  );
}
