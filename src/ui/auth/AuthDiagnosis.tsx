import { useState } from 'react';
import { diagnoseAuth, parseTwoFactorChallenge } from '../../core/auth';
import type { Run } from '../../core/http/run';
import type { ResponseRecord } from '../../core/http/types';
import { useRun, resend } from '../runner';
import { apiCaller } from './actions';
import { useAuthUi } from './auth-ui-store';
import { DiagnosisView } from './DiagnosisView';
import { TwoFactorPrompt } from './TwoFactorPrompt';

/** A response's identity that survives TanStack Query's structural sharing (which copies objects). */
function responseKey(response: Pick<ResponseRecord, 'method' | 'displayUrl' | 'timings'>): string {
  return `${response.method} ${response.displayUrl} ${response.timings.startedAt}`;
}

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function header(headers: Record<string, string>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  return Object.entries(headers).find(([k]) => k.toLowerCase() === wanted)?.[1];
}

/** Whether a response is one the auth diagnosis explains: 401, 403, or a 2FA challenge. */
export function needsAuthDiagnosis(response: ResponseRecord): boolean {
  if (response.proxyError) return false; // the explorer's proxy answered, not Rocket.Chat
  if (response.status === 401 || response.status === 403) return true;
  return (
    response.status === 400 && parseTwoFactorChallenge(400, parseBody(response.body.text())) !== undefined
  );
}

/**
 * For every 401, 403 and 2FA answer: which auth headers went out (masked), what the server said,
 * the likely cause and the next step, all read from the run that got the answer (what was sent,
 * not what would be sent now). A 2FA challenge gets the code prompt, and that run is sent again
 * with the answer (once), leaving the draft being edited alone. `Check token` asks /api/v1/me with
 * the same headers, on demand, because it costs a call against the rate limit.
 */
export function AuthDiagnosis({ run, response }: { run: Run; response: ResponseRecord }) {
  const { view } = useRun();
  const [meChecks, setMeChecks] = useState<Record<string, { status: number } | 'checking' | string>>({});
  if (!needsAuthDiagnosis(response)) return null;
  const key = responseKey(response);
  const requestHeaders = run.prepared.headers;
  const body = parseBody(response.body.text());
  const me = meChecks[key];
  const diagnosis = diagnoseAuth({
    requestHeaders,
    status: response.status,
    body,
    path: run.draft.path,
    responseHeaders: response.headers,
    ...(run.userId !== null ? { signedInUserId: run.userId } : {}),
    ...(typeof me === 'object' ? { meCheck: me } : {}),
  });
  const userId = header(requestHeaders, 'X-User-Id');
  const authToken = header(requestHeaders, 'X-Auth-Token');
  const canCheck =
    response.status === 401 &&
    userId &&
    authToken &&
    (diagnosis.cause === 'token-invalid' || diagnosis.cause === 'unknown') &&
    !/\/login\/?$/.test(run.draft.path);

  const checkToken = async () => {
    if (!userId || !authToken) return;
    setMeChecks((m) => ({ ...m, [key]: 'checking' }));
    const outcome = await apiCaller()({
      serverUrl: run.serverUrl,
      method: 'GET',
      path: '/api/v1/me',
      credentials: { userId, authToken },
    });
    setMeChecks((m) => ({
      ...m,
      [key]: outcome.ok
        ? outcome.response.proxyError
          ? outcome.response.proxyError.message
          : { status: outcome.response.status }
        : outcome.failure.message,
    }));
  };

  const resendWithAnswer = (answer: { code: string; method: string }) => {
    resend(run, { twoFactor: answer }, 'two-factor');
  };

  return (
    <DiagnosisView diagnosis={diagnosis} label="Authentication problem">
      {diagnosis.twoFactor && diagnosis.cause !== 'two-factor-max-attempts' ? (
        <TwoFactorPrompt
          key={key}
          challenge={diagnosis.twoFactor}
          submitLabel="Send again with code"
          busy={view.phase === 'pending'}
          autoFocus={false}
          showPrompt={false}
          onAnswer={resendWithAnswer}
        />
      ) : null}
      {canCheck ? (
        <div className="auth-row">
          <button type="button" onClick={() => void checkToken()} disabled={me === 'checking'}>
            Check token
          </button>
          <span className="hint muted">
            {typeof me === 'object'
              ? `GET /api/v1/me with the same headers answered ${me.status}.`
              : typeof me === 'string' && me !== 'checking'
                ? `The check could not be made: ${me}`
                : 'Asks GET /api/v1/me with the same headers (one more call against the rate limit).'}
          </span>
        </div>
      ) : null}
      {diagnosis.cause === 'header-missing' ? (
        <div className="auth-row">
          <button type="button" onClick={() => useAuthUi.getState().setPanelOpen(true)}>
            Open the authentication panel
          </button>
        </div>
      ) : null}
    </DiagnosisView>
  );
}
