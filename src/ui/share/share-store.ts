/**
 * The share feature's own small store (kept apart from the explorer store): what opening a link
 * needs to tell or ask the person. One notice at a time; a new link replaces the previous notice.
 */
import { create } from 'zustand';

export type LinkNotice =
  /** The link could not be read; `message` says why, in words. The draft was left as it was. */
  | { kind: 'error'; message: string }
  /**
   * The link names another server. The rest of the request was loaded on the current server; the
   * server switches only if the person says so.
   */
  | { kind: 'confirm-server'; linkServer: string; currentServer: string }
  /** The link was made by an older explorer and was read through the migration chain. */
  | { kind: 'migrated'; from: number }
  /** The link named an operation the explorer cannot send (e.g. PATCH). */
  | { kind: 'unsupported'; message: string };

interface ShareState {
  notice: LinkNotice | null;
  actions: {
    show(notice: LinkNotice): void;
    dismiss(): void;
  };
}

export const useShareStore = create<ShareState>()((set) => ({
  notice: null,
  actions: {
    show: (notice) => set({ notice }),
    dismiss: () => set({ notice: null }),
  },
}));
