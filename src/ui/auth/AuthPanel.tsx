/** Slot owned by the auth feature: the Authentication region (sign in, 2FA, tokens, sign out). */
export function AuthPanel() {
  return null;
}
