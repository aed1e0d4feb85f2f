/**
 * SHA-256 as lower-case hex, through WebCrypto (`crypto.subtle`), which browsers and Node 20
 * both provide globally: no Node `crypto` import, so this runs in the browser bundle.
 *
 * Lower-case hex is what Rocket.Chat compares against: Meteor's password check accepts
 * `{ digest: <64 hex chars>, algorithm: 'sha-256' }`, and the 2FA password fallback lower-cases
 * the code before checking it as such a digest (apps/meteor/app/2fa/server/code/PasswordCheckFallback.ts).
 */
export async function sha256Hex(text: string): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) {
    // Browsers expose crypto.subtle only in secure contexts (https or localhost).
    throw new Error(
      'Hashing the password needs WebCrypto, which the browser only offers on https:// or localhost pages.',
    );
  }
  const bytes = new Uint8Array(await subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
