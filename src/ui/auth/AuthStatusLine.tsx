/** Slot owned by the auth feature: who requests are sent as, for the current server. */
export function AuthStatusLine() {
  return null;
}
