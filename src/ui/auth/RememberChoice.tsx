import { useId } from 'react';
import type { RememberMode } from './remember';

/**
 * The opt-in to keep a token on this device. Off by default; session storage unless the person
 * picks local storage, which is explained as outliving the browser session.
 */
export function RememberChoice({
  value,
  onChange,
}: {
  value: RememberMode | null;
  onChange: (mode: RememberMode | null) => void;
}) {
  const checkId = useId();
  const whereId = useId();
  const mode = value ?? 'session';
  return (
    <div className="auth-remember">
      <span className="auth-check">
        <input
          id={checkId}
          type="checkbox"
          checked={value !== null}
          onChange={(e) => onChange(e.target.checked ? mode : null)}
        />
        <label htmlFor={checkId}>Remember on this device</label>
      </span>
      {value !== null ? (
        <span className="field">
          <label htmlFor={whereId}>Keep it in</label>
          <select
            id={whereId}
            value={mode}
            onChange={(e) => onChange(e.target.value === 'local' ? 'local' : 'session')}
          >
            <option value="session">this tab only (session storage)</option>
            <option value="local">this browser, also after closing it (local storage)</option>
          </select>
        </span>
      ) : null}
      <p className={value === 'local' ? 'hint warning' : 'hint muted'}>
        {value === null
          ? 'Off: the token lives in memory and is gone when the page reloads. Passwords are never stored.'
          : value === 'session'
            ? 'The user ID and token (never the password) are kept until this tab closes. Sign out to remove them.'
            : 'Warning: the token stays in this browser’s local storage after it closes, readable by anyone using this browser profile and by any script running on this page. Use it only on your own device; Sign out removes it.'}
      </p>
    </div>
  );
}
