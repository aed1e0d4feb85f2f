/** Slot owned by the catalog feature: the form generated from the operation's schema. */
export function ParamsForm() {
  return null;
}
