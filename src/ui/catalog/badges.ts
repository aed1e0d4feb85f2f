import type { Operation } from '../../core/catalog/types';

export interface Badge {
  /** Short visible text. */
  text: string;
  /** The same in full words, for screen readers and tooltips. */
  words: string;
  tone: 'muted' | 'warn' | 'info';
}

/** Markers of an operation, most important first. */
export function badgesOf(op: Operation): Badge[] {
  const out: Badge[] = [];
  if (op.availability === 'not-on-server')
    out.push({ text: 'not on server', words: 'not on this server', tone: 'warn' });
  if (op.availability === 'only-on-server')
    out.push({ text: 'server only', words: 'only on this server', tone: 'info' });
  if (op.deprecated) out.push({ text: 'deprecated', words: 'deprecated', tone: 'warn' });
  if (op.paginated) out.push({ text: 'paginated', words: 'paginated', tone: 'muted' });
  out.push(
    op.auth
      ? { text: 'auth', words: 'needs auth', tone: 'muted' }
      : { text: 'public', words: 'no auth needed', tone: 'info' },
  );
  return out;
}
