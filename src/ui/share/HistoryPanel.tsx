/** Slot owned by the share feature: the request history of the current server. */
export function HistoryPanel() {
  return null;
}
