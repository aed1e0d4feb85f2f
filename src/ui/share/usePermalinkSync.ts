/** Slot owned by the share feature: restores a draft from the URL fragment and keeps the address bar in step. */
export function usePermalinkSync(): void {}
