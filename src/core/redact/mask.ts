/**
 * The `mask` style of redaction (see index.ts), alone in its module: the first screen shows masked
 * user ids and must not bring the JSON scanner (jsonc-parser) the rest of redaction needs (issue 14).
 */

/** Character used between the kept ends of a masked secret. */
export const MASK_ELLIPSIS = '…';
/** What a secret too short to show any of it becomes. */
export const FULL_MASK = '••••••••';
/**
 * Below this length nothing of the secret is shown: with 4 + 4 characters visible, a shorter
 * secret would be more than half disclosed (a 6-digit 2FA code would be fully disclosed).
 */
export const MIN_LENGTH_TO_SHOW_ENDS = 16;

/**
 * `abcd…wxyz` for long secrets, a fixed-width mask for short ones. The fixed width avoids telling
 * the length of short secrets (a 6-digit code vs an 8-character password).
 */
export function maskSecret(secret: string): string {
  if (secret.length < MIN_LENGTH_TO_SHOW_ENDS) return FULL_MASK;
  // Slice by code points so a surrogate pair is never cut in half.
  const chars = Array.from(secret);
  return `${chars.slice(0, 4).join('')}${MASK_ELLIPSIS}${chars.slice(-4).join('')}`;
}
