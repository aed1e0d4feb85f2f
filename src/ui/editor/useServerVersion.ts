import { trimServerUrl } from '../../core/http/server-url';
import { useLiveCatalog } from '../catalog';

/**
 * The server's version, from the catalog's read of `GET /api/info` (one request per server and
 * transport, shared with the Endpoints pane). Unknown (undefined) while loading, when the server
 * does not say, or while the catalog's read is still for another server URL.
 */
export function useServerVersion(serverUrl: string): string | undefined {
  const { serverUrl: readFor, enabled, live } = useLiveCatalog();
  if (!enabled || readFor !== trimServerUrl(serverUrl)) return undefined;
  return live.data?.version;
}
