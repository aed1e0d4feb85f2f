import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useExplorerStore, type ExplorerConfig } from '../state';

/** Shape check for /explorer-config.json: it comes over the network, so it is not trusted blindly. */
function parseConfig(value: unknown): ExplorerConfig {
  const record = (value ?? {}) as Record<string, unknown>;
  const targets = Array.isArray(record.targets)
    ? record.targets.filter((t): t is string => typeof t === 'string')
    : [];
  return {
    sandboxUrl: typeof record.sandboxUrl === 'string' ? record.sandboxUrl : null,
    targets,
    proxyPath: typeof record.proxyPath === 'string' ? record.proxyPath : null,
  };
}

/**
 * Reads what the explorer server allows. Without the explorer server (static hosting) the app still
 * works, calling servers directly, and says what it then cannot see.
 */
export function useExplorerConfig(): { loading: boolean; standalone: boolean } {
  const setConfig = useExplorerStore((state) => state.actions.setConfig);
  const query = useQuery({
    queryKey: ['explorer-config'],
    queryFn: async ({ signal }) => {
      const response = await fetch('/explorer-config.json', { signal, cache: 'no-store' });
      if (!response.ok || !(response.headers.get('content-type') ?? '').includes('json')) {
        return { sandboxUrl: null, targets: [], proxyPath: null } satisfies ExplorerConfig;
      }
      return parseConfig(await response.json());
    },
    retry: false,
    staleTime: Infinity,
  });
  useEffect(() => {
    if (query.data) setConfig(query.data);
    else if (query.isError) setConfig({ sandboxUrl: null, targets: [], proxyPath: null });
  }, [query.data, query.isError, setConfig]);
  return {
    loading: query.isPending,
    standalone: Boolean(query.data && !query.data.proxyPath) || query.isError,
  };
}
