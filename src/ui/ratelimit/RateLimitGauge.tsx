import {
  HIDDEN_BY_CORS_ADVICE,
  getWindow,
  meterValues,
  nextResetAt,
  rateLimitText,
  type RateLimitWindow,
} from '../../core/rate-limit/model';
import { useRateLimitStore } from './store';
import { useNow } from './useNow';
import { Sparkline } from './Sparkline';

export interface RouteRef {
  server: string;
  method: string;
  path: string;
}

export function useRateLimitWindow(route: RouteRef): RateLimitWindow {
  const book = useRateLimitStore((state) => state.book);
  return getWindow(book, route.server, route.method, route.path);
}

/**
 * The live rate-limit gauge for one server + route + method: a meter of the calls left, the
 * countdown to the window's reset, a small history of remaining, or the state in words.
 */
export function RateLimitGauge({ route }: { route: RouteRef }) {
  const window = useRateLimitWindow(route);
  const reset = nextResetAt(window);
  const now = useNow(reset !== null);
  const meter = meterValues(window, now);
  const text = rateLimitText(window, now);
  const fraction = meter && meter.max > 0 ? meter.value / meter.max : 0;
  const level = fraction <= 0.1 ? 'low' : fraction <= 0.4 ? 'mid' : 'high';
  return (
    <div className="rate-limit">
      {meter ? (
        <div
          role="meter"
          aria-label="Rate limit"
          aria-valuemin={0}
          aria-valuemax={meter.max}
          aria-valuenow={meter.value}
          aria-valuetext={text}
          className={`rate-meter state-${window.state.kind}`}
        >
          <span className="rate-label">Rate limit</span>
          <span className="rate-bar" aria-hidden="true">
            <span
              className={`rate-fill level-${level}`}
              style={{ width: `${Math.round(fraction * 100)}%` }}
            />
          </span>
          <span className="rate-text">{text}</span>
        </div>
      ) : (
        // Without numbers there is nothing to measure: a meter with no value is an axe violation
        // and reads as "empty" (nothing left), so the state is a status in words until headers come.
        <div role="status" aria-label="Rate limit" className={`rate-meter state-${window.state.kind}`}>
          <span className="rate-label">Rate limit</span>
          <span className="rate-text">{text}</span>
        </div>
      )}
      <span className="muted rate-route">
        {window.method} {window.route}
      </span>
      {window.history.length > 1 ? <Sparkline samples={window.history} /> : null}
      {window.state.kind === 'hidden-by-cors' ? <p className="hint muted">{HIDDEN_BY_CORS_ADVICE}</p> : null}
      {window.state.kind === 'unknown' && window.state.reason ? (
        <p className="hint muted">Rate-limit headers could not be read: {window.state.reason}.</p>
      ) : null}
    </div>
  );
}
