import { useEffect } from 'react';
import { useCatalogStore } from '../catalog';
import { useExplorerStore } from '../state';
import { startPermalinkRouter } from './router';
import { useShareStore } from './share-store';

/**
 * Restores a draft from the URL fragment and keeps the address bar in step (see router.ts).
 * Starts once /explorer-config.json is read: only then is "the server in use" known, which a link
 * naming another server is compared with.
 */
export function usePermalinkSync(): void {
  const configReady = useExplorerStore((state) => state.config !== null);
  useEffect(() => {
    if (!configReady) return;
    return startPermalinkRouter({
      win: window,
      explorer: useExplorerStore,
      notices: useShareStore,
      catalog: useCatalogStore,
    });
  }, [configReady]);
}
