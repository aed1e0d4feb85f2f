import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { loadBundledCatalog } from '../../core/catalog/operation';
import { availabilityCounts, mergeCatalog } from '../../core/catalog/merge';
import type { Availability } from '../../core/catalog/types';
import { trimServerUrl } from '../../core/http/server-url';
import { transportFor } from '../runner';
import { useExplorerStore } from '../state';
import { useCatalogStore } from './catalog-store';
import type { LiveCatalog } from './live-catalog';

/** Waits until the value has been stable for `ms`, so typing a server URL does not fire a request per key. */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** A URL worth asking: http(s) with a host. */
export function isServerUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.host !== '';
  } catch {
    return false;
  }
}

export interface CatalogStatus {
  bundled: 'loading' | 'ready' | 'error';
  bundledError?: string;
  generatedFrom?: string;
  bundledCount: number;
  /** The server in use, once settled. */
  serverUrl: string;
  live: 'idle' | 'loading' | 'ready';
  liveResult?: LiveCatalog;
  counts: Record<Availability, number> | null;
  total: number;
}

/**
 * The connected server's own description (`/api/info`, then `/api/docs/json`), read once per
 * server and transport. Shared by the catalog and the editors' version rule, so both rest on one
 * request instead of two.
 */
export function useLiveCatalog() {
  const rawServerUrl = useExplorerStore((state) => state.draft.serverUrl);
  const transportMode = useExplorerStore((state) => state.transportMode);
  const config = useExplorerStore((state) => state.config);
  const typed = useDebounced(rawServerUrl, 400);
  // The explorer's own default server is read at once; only typing waits for a pause (it waited
  // 400 ms too, which the list's reorder to the server's groups waited for).
  const serverUrl = trimServerUrl(config?.defaultServer === rawServerUrl ? rawServerUrl : typed);
  const transport = useMemo(() => transportFor(transportMode, config), [transportMode, config]);
  // Wait for /explorer-config.json so the first read goes through the proxy when there is one.
  const enabled = config !== null && isServerUrl(serverUrl);
  const live = useQuery({
    queryKey: ['catalog', 'live', serverUrl, transport],
    // The reader (and the YAML/OpenAPI parser behind it) loads on first use, off the first page load.
    queryFn: async ({ signal }) =>
      (await import('./live-catalog')).readLiveCatalog(serverUrl, transport, signal),
    enabled,
    staleTime: 5 * 60_000,
  });
  return { serverUrl, enabled, live };
}

/**
 * Loads the bundled catalog (lazily), reads the connected server's description, merges both with
 * the imported documents (src/core/catalog/merge) and publishes the result to the catalog store.
 * Mounted once, by the Endpoints pane.
 */
export function useCatalogSync(): CatalogStatus {
  const bundled = useQuery({
    queryKey: ['catalog', 'bundled'],
    queryFn: loadBundledCatalog,
    staleTime: Infinity,
    gcTime: Infinity,
  });
  const { serverUrl, enabled, live } = useLiveCatalog();
  const imports = useCatalogStore((state) => state.imports);
  const publish = useCatalogStore((state) => state.actions.publish);

  const liveOps = enabled ? live.data?.operations : undefined;
  const merged = useMemo(() => {
    if (!bundled.data) return null;
    return mergeCatalog({ bundled: bundled.data.operations, imports, server: liveOps ?? null });
  }, [bundled.data, imports, liveOps]);

  useEffect(() => {
    if (merged) publish(merged);
  }, [merged, publish]);

  const counts = useMemo(() => (merged ? availabilityCounts(merged) : null), [merged]);
  const liveResult = enabled ? live.data : undefined;
  const bundledState: CatalogStatus['bundled'] = bundled.isError
    ? 'error'
    : bundled.data
      ? 'ready'
      : 'loading';
  const liveState: CatalogStatus['live'] = !enabled ? 'idle' : live.data ? 'ready' : 'loading';
  const bundledError = bundled.isError
    ? `The bundled catalog could not be loaded (${bundled.error instanceof Error ? bundled.error.message : String(bundled.error)}). Reload the page to try again.`
    : undefined;
  // Stable while nothing changes, so the parts that show it do not re-render on every keystroke.
  return useMemo(
    () => ({
      bundled: bundledState,
      bundledError,
      generatedFrom: bundled.data?.generatedFrom,
      bundledCount: bundled.data?.operations.length ?? 0,
      serverUrl,
      live: liveState,
      liveResult,
      counts,
      total: merged?.length ?? 0,
    }),
    [bundledState, bundledError, bundled.data, serverUrl, liveState, liveResult, counts, merged],
  );
}
