import { queryOptions, useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useExplorerStore, type ExplorerConfig } from '../state';

/** Hosted without the explorer server: no proxy, no sandbox, the person names the server. */
const STANDALONE: ExplorerConfig = { sandboxUrl: null, defaultServer: null, targets: [], proxyPath: null };

/** Shape check for /explorer-config.json: it comes over the network, so it is not trusted blindly. */
export function parseConfig(value: unknown): ExplorerConfig {
  const record = (value ?? {}) as Record<string, unknown>;
  const targets = Array.isArray(record.targets)
    ? record.targets.filter((t): t is string => typeof t === 'string')
    : [];
  const sandboxUrl = typeof record.sandboxUrl === 'string' ? record.sandboxUrl : null;
  // Only a server the explorer may reach; an older server sends none, and meant the sandbox.
  const named = typeof record.defaultServer === 'string' ? record.defaultServer : null;
  const defaultServer = named !== null && targets.includes(named) ? named : sandboxUrl;
  return {
    sandboxUrl,
    defaultServer,
    targets,
    proxyPath: typeof record.proxyPath === 'string' ? record.proxyPath : null,
  };
}

/**
 * Reads what the explorer server allows. Without the explorer server (static hosting) the app still
 * works, calling servers directly, and says what it then cannot see.
 */
export const explorerConfigQuery = queryOptions({
  queryKey: ['explorer-config'],
  queryFn: async ({ signal }): Promise<ExplorerConfig> => {
    const response = await fetch('/explorer-config.json', { signal, cache: 'no-store' });
    if (!response.ok || !(response.headers.get('content-type') ?? '').includes('json')) return STANDALONE;
    return parseConfig(await response.json());
  },
  retry: false,
  staleTime: Infinity,
});

export function useExplorerConfig(): { loading: boolean; standalone: boolean } {
  const setConfig = useExplorerStore((state) => state.actions.setConfig);
  const query = useQuery(explorerConfigQuery);
  useEffect(() => {
    if (query.data) setConfig(query.data);
    else if (query.isError) setConfig(STANDALONE);
  }, [query.data, query.isError, setConfig]);
  return {
    loading: query.isPending,
    standalone: Boolean(query.data && !query.data.proxyPath) || query.isError,
  };
}
