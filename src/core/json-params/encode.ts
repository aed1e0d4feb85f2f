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

/**
 * Appends the non-empty parameters to `search` (in the order query, fields, sort), each encoded
 * exactly once by URLSearchParams. Returns the same object for chaining.
 */
export function appendJsonParams(search: URLSearchParams, texts: JsonParamTexts): URLSearchParams {
  for (const name of ['query', 'fields', 'sort'] as const) {
    const text = texts[name];
    if (text === undefined) continue;
    const value = serializeParam(name, text);
    if (value !== null) search.set(name, value);
  }
  return search;
}

/**
 * The final URL for a preview: `base` (absolute, may already have a query string) plus the other
 * parameters and the JSON ones. Built with URL/URLSearchParams only, so nothing is double-encoded.
 */
export function buildPreviewUrl(base: string, params: Record<string, string>, texts: JsonParamTexts): string {
  const url = new URL(base);
  for (const [name, value] of Object.entries(params)) {
    if (value !== '') url.searchParams.set(name, value);
  }
  appendJsonParams(url.searchParams, texts);
  return url.toString();
}
