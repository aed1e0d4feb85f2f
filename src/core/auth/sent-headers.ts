/**
 * The auth headers a request carried, as the diagnosis shows them: masked, and with what looks
 * wrong about each value (spaces, quotes, a `Bearer ` prefix, a user ID and a token swapped), in
 * words for people and as a code for logic.
 */
import { maskSecret, isAuthHeader } from '../redact';

export interface SentHeader {
  name: string;
  /** Redacted value, or null when the header was not sent. */
  value: string | null;
  /** A problem with the value as sent (spaces, quotes, a `Bearer ` prefix, looks swapped). */
  note?: string;
  /** The same problem as a code, for logic (the note is words for people). */
  noteCode?: ValueNoteCode;
}

export type ValueNoteCode =
  'padded' | 'quoted' | 'bearer' | 'id-looks-like-token' | 'token-looks-like-id' | 'empty';

const VALUE_NOTES: Record<ValueNoteCode, string> = {
  padded: 'has spaces or a line break at the start or end',
  quoted: 'is wrapped in quotes',
  bearer: 'starts with "Bearer ", which Rocket.Chat does not expect',
  'id-looks-like-token': 'is as long as a token, not a user ID',
  'token-looks-like-id': 'is as short as a user ID, not a token',
  empty: 'is empty',
};

function valueNote(name: string, value: string): ValueNoteCode | undefined {
  if (value === '') return 'empty';
  if (value !== value.trim()) return 'padded';
  if (/^["'].*["']$/.test(value)) return 'quoted';
  if (/^bearer\s/i.test(value)) return 'bearer';
  if (name === 'x-user-id' && value.length > 30) return 'id-looks-like-token';
  if (name === 'x-auth-token' && value.length < 30) return 'token-looks-like-id';
  return undefined;
}

export function sentHeaders(headers: Readonly<Record<string, string>>): SentHeader[] {
  const out: SentHeader[] = [];
  const lower = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), { name: k, value: v }]));
  for (const name of ['X-User-Id', 'X-Auth-Token']) {
    const found = lower.get(name.toLowerCase());
    if (!found) {
      out.push({ name, value: null });
      continue;
    }
    const code = valueNote(name.toLowerCase(), found.value);
    out.push({
      name,
      value: found.value === '' ? '' : maskSecret(found.value),
      ...(code ? { note: VALUE_NOTES[code], noteCode: code } : {}),
    });
  }
  for (const [key, { name, value }] of lower) {
    if (key === 'x-user-id' || key === 'x-auth-token') continue;
    if (key === 'x-2fa-method') out.push({ name, value });
    else if (isAuthHeader(key)) out.push({ name, value: maskSecret(value) });
  }
  return out;
}
