import { useEffect } from 'react';
import { useCatalogStore } from '../catalog';
import { useExplorerStore } from '../state';
import { useShareStore } from './share-store';

/**
 * Restores a draft from the URL fragment and keeps the address bar in step (see router.ts).
 * Starts once /explorer-config.json is read: only then is "the server in use" known, which a link
 * naming another server is compared with. The router (with lz-string and the permalink codec) is
 * not part of the first load (issue 14): it loads while the config is read, which it waits for.
 */
export function usePermalinkSync(): void {
  const configReady = useExplorerStore((state) => state.config !== null);
  useEffect(() => {
    if (!configReady) return;
    let stop: (() => void) | undefined;
    let cancelled = false;
    void import('./router').then(({ startPermalinkRouter }) => {
      if (cancelled) return;
      stop = startPermalinkRouter({
        win: window,
        explorer: useExplorerStore,
        notices: useShareStore,
        catalog: useCatalogStore,
      });
    });
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [configReady]);
}
