import { useQuery } from '@tanstack/react-query';
import { executeRequest } from '../../core/http/execute';
import { prepareRequest, trimServerUrl } from '../../core/http/prepare';
import { emptyDraft } from '../../core/permalink/draft';
import { transportFor } from '../runner/transport';
import { useExplorerStore } from '../state/store';

/** Reads `version` from a `GET /api/info` body (anonymous shape, or `info.version` when signed in). */
export function versionFromInfo(bodyText: string): string | undefined {
  try {
    const body = JSON.parse(bodyText) as { version?: unknown; info?: { version?: unknown } };
    if (typeof body.version === 'string') return body.version;
    if (typeof body.info?.version === 'string') return body.info.version;
  } catch {
    // Not JSON: the version stays unknown.
  }
  return undefined;
}

/**
 * The server's version, from `GET /api/info` (public: no credentials attached), once per server
 * and transport. Unknown (undefined) while loading or when the server does not say.
 */
export function useServerVersion(serverUrl: string): string | undefined {
  const transportMode = useExplorerStore((state) => state.transportMode);
  const config = useExplorerStore((state) => state.config);
  const base = trimServerUrl(serverUrl);
  const transport = transportFor(transportMode, config);
  const query = useQuery({
    queryKey: ['server-version', base, transport],
    enabled: base !== '' && /^https?:\/\//.test(base),
    queryFn: async ({ signal }) => {
      const response = await executeRequest(prepareRequest(emptyDraft(base, 'GET', '/api/info'), transport), {
        signal,
      });
      return response.status === 200 ? (versionFromInfo(response.bodyText) ?? null) : null;
    },
    staleTime: 5 * 60_000,
    retry: false,
  });
  return query.data ?? undefined;
}
