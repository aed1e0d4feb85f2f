import { useState } from 'react';
import { diagnoseAuth, parseTwoFactorChallenge } from '../../core/auth';
import type { ResponseRecord } from '../../core/http/types';
import { useRun } from '../runner/RunnerContext';
import { useExplorerStore } from '../state/store';
import { apiCaller } from './actions';
import { useAuthUi } from './auth-ui-store';
import { DiagnosisView } from './DiagnosisView';
import { currentContext, responseKey, sentContextOf, type SentContext } from './tracker';
import { TwoFactorPrompt } from './TwoFactorPrompt';

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
  return response.status === 400 && parseTwoFactorChallenge(400, parseBody(response.bodyText)) !== undefined;
}

/**
 * For every 401, 403 and 2FA answer: which auth headers went out (masked), what the server said,
 * the likely cause and the next step. A 2FA challenge gets the code prompt, and the original
 * request is sent again with the answer (once). `Check token` asks /api/v1/me with the same
 * headers, on demand, because it costs a call against the rate limit.
 */
export function AuthDiagnosis({ response }: { response: ResponseRecord }) {
  const { view, send } = useRun();
  const [meChecks, setMeChecks] = useState<Record<string, { status: number } | 'checking' | string>>({});
  const sent = view.phase === 'idle' ? null : view.sent;
  if (!needsAuthDiagnosis(response)) return null;
  const key = responseKey(response);
  const context: SentContext | undefined =
    sentContextOf(response) ?? (sent ? currentContext(sent.draft) : undefined);
  if (!context) return null;
  const body = parseBody(response.bodyText);
  const me = meChecks[key];
  const diagnosis = diagnoseAuth({
    requestHeaders: context.requestHeaders,
    status: response.status,
    body,
    path: context.draft.path,
    responseHeaders: response.headers,
    ...(context.signedInUserId !== undefined ? { signedInUserId: context.signedInUserId } : {}),
    ...(typeof me === 'object' ? { meCheck: me } : {}),
  });
  const userId = header(context.requestHeaders, 'X-User-Id');
  const authToken = header(context.requestHeaders, 'X-Auth-Token');
  const canCheck =
    response.status === 401 &&
    userId &&
    authToken &&
    (diagnosis.cause === 'token-invalid' || diagnosis.cause === 'unknown') &&
    !/\/login\/?$/.test(context.draft.path);

  const checkToken = async () => {
    if (!userId || !authToken) return;
    setMeChecks((m) => ({ ...m, [key]: 'checking' }));
    const outcome = await apiCaller()({
      serverUrl: context.draft.serverUrl,
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
    const { draft, actions } = useExplorerStore.getState();
    actions.setPendingTwoFactor(answer);
    if (JSON.stringify(draft) !== JSON.stringify(context.draft))
      actions.loadDraft(structuredClone(context.draft));
    send();
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
