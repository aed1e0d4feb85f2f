import type { ReactNode } from 'react';
import type { Diagnosis, SentHeader } from '../../core/auth';

/** "X-User-Id abcd…wxyz and X-Auth-Token (not sent)": the auth headers in words, redacted. */
export function sentHeadersInWords(headers: readonly SentHeader[]): string {
  return headers
    .map((h) => {
      if (h.value === null) return `${h.name} not sent`;
      if (h.value === '') return `${h.name} sent empty`;
      return `${h.name} ${h.value}${h.note ? ` (${h.note})` : ''}`;
    })
    .join(', ');
}

/**
 * One diagnosis in words: what was sent (masked), what the server said, the likely cause and the
 * next step. An alert: each of these needs the person to act.
 */
export function DiagnosisView({
  diagnosis,
  label,
  sent,
  children,
}: {
  diagnosis: Diagnosis;
  label?: string;
  /** Replaces the header list where headers do not matter (the login body is what counts). */
  sent?: string;
  children?: ReactNode;
}) {
  const tone = diagnosis.cause === 'two-factor-required' ? 'alert warn' : 'alert';
  return (
    <div role="alert" aria-label={label} className={`${tone} auth-diagnosis`} data-cause={diagnosis.cause}>
      <p>
        <strong>{diagnosis.title}</strong>
      </p>
      <dl className="auth-facts">
        <dt>Sent</dt>
        <dd>{sent ?? sentHeadersInWords(diagnosis.sentHeaders)}</dd>
        <dt>Server said</dt>
        <dd>
          <code>{diagnosis.serverSaid}</code>
        </dd>
        <dt>Likely cause</dt>
        <dd>{diagnosis.explanation}</dd>
        {diagnosis.permissions && diagnosis.permissions.length > 0 ? (
          <>
            <dt>Permission</dt>
            <dd>{diagnosis.permissions.join(', ')}</dd>
          </>
        ) : null}
        <dt>Next step</dt>
        <dd>{diagnosis.nextStep}</dd>
      </dl>
      {children}
    </div>
  );
}
