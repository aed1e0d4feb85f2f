/** Public API of permalinks: the draft type, the codec and the sanitizer. */
export type { HttpMethod, RequestDraft, ResponseTab } from './draft';
export { HTTP_METHODS, emptyDraft } from './draft';
export {
  CURRENT_VERSION,
  FRAGMENT_KEY,
  decodePermalink,
  encodePermalink,
  hasPermalink,
  isSameServer,
  tryEncodePermalink,
  type DecodeResult,
  type EncodeResult,
} from './codec';
export { sanitizeDraft, type SanitizeOptions } from './sanitize';
export { LIMITS as PERMALINK_LIMITS } from './validate';
