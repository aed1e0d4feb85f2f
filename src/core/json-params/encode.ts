/**
 * What is sent for `query`, `fields` and `sort`: one compact text per parameter, encoded once.
 *
 * `query` is sent as `EJSON.stringify(EJSON.parse(text))` (so `{"$date": "2024-01-31T00:00:00Z"}`
 * goes out as `{"$date": 1706659200000}`, the form Rocket.Chat's EJSON writes itself); `fields` and
 * `sort` as `JSON.stringify(JSON.parse(text))`. Percent-encoding is left to `URLSearchParams`
 * alone: encoding the text ourselves and then appending it would encode `%` again (`%2524`).
 */
import { ejsonParse, ejsonStringify } from './parse';
import type { JsonParamName } from './rules';

export type JsonParamTexts = Partial<Record<JsonParamName, string>>;

/** The compact text that goes on the wire for one parameter; null when empty; throws on invalid JSON. */
export function serializeParam(name: JsonParamName, text: string): string | null {
  if (text.trim() === '') return null;
  if (name === 'query') return ejsonStringify(ejsonParse(text));
  return JSON.stringify(JSON.parse(text));
}
