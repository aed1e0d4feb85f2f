import { useEffect, useState } from 'react';
import type { ResponseRecord } from '../../core/http/types';
import { nextResetAt } from '../../core/rate-limit/model';
import { parseTooManyRequests } from '../../core/rate-limit/too-many-requests';
import { useRateLimitWindow, type RouteRef } from './RateLimitGauge';
import { useNow } from './useNow';

/** Extra wait after the reset: the reset header is in ms but clocks and latency are not exact. */
const MARGIN_MS = 750;

/**
 * Shown for a 429: how long the server asks to wait, and a button that waits for the window to
 * reset and then sends the same request again (never earlier: an early retry only earns another 429).
 */
export function TooManyRequestsAlert({
  response,
  route,
  receivedAt,
  resend,
}: {
  response: ResponseRecord;
  route: RouteRef;
  receivedAt: number;
  resend(): void;
}) {
  const window = useRateLimitWindow(route);
  const parsed = parseTooManyRequests(response.body.text(), response.headers, receivedAt);
  const fromBody = parsed ? receivedAt + Math.ceil(parsed.waitSeconds * 1000) : null;
  const resetAt = Math.max(nextResetAt(window) ?? 0, fromBody ?? 0) || null;
  const [waitingUntil, setWaitingUntil] = useState<number | null>(null);
  const now = useNow(resetAt !== null || waitingUntil !== null);
  const secondsLeft = resetAt === null ? null : Math.max(0, Math.ceil((resetAt - now) / 1000));

  useEffect(() => {
    if (waitingUntil === null) return;
    const timer = setTimeout(
      () => {
        setWaitingUntil(null);
        resend();
      },
      Math.max(0, waitingUntil - Date.now()),
    );
    return () => clearTimeout(timer);
  }, [waitingUntil, resend]);

  const waitWords =
    secondsLeft === null
      ? 'The server did not say how long to wait.'
      : secondsLeft > 0
        ? `Wait ${secondsLeft} s: the window resets at ${new Date(resetAt!).toLocaleTimeString()}.`
        : 'The window has reset: you can send again.';
  return (
    <div role="alert" className="alert error">
      <p>
        <strong>429 Too Many Requests</strong>: this server allows only a few calls to {route.method}{' '}
        {route.path} per window from your address, and this window is spent.
      </p>
      <p>{waitWords}</p>
      {parsed ? <p className="muted">Server said: {parsed.message}</p> : null}
      <div className="actions">
        {waitingUntil === null ? (
          <button type="button" onClick={() => setWaitingUntil((resetAt ?? Date.now()) + MARGIN_MS)}>
            Retry when the window resets
          </button>
        ) : (
          <>
            <span role="status">Retrying in {Math.max(0, Math.ceil((waitingUntil - now) / 1000))} s…</span>
            <button type="button" onClick={() => setWaitingUntil(null)}>
              Stop waiting
            </button>
          </>
        )}
      </div>
    </div>
  );
}
