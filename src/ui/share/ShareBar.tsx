/** Slot owned by the share feature: Copy link, Copy as cURL, snippets. */
export function ShareBar() {
  return null;
}
