/** Public API of permalinks: the codec and the sanitizer (the draft itself is core/request/draft). */
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
