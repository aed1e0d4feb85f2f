import type { Transport } from '../../core/http/types';
import type { ExplorerConfig } from '../state';

/** The proxy when the explorer server is there (its own 403 says how to allow a new target), else direct. */
export function defaultTransportMode(config: ExplorerConfig | null): Transport['kind'] {
  return config?.proxyPath ? 'proxy' : 'direct';
}

export function transportFor(mode: Transport['kind'], config: ExplorerConfig | null): Transport {
  if (mode === 'proxy' && config?.proxyPath) return { kind: 'proxy', proxyPath: config.proxyPath };
  return { kind: 'direct' };
}

/** Origin plus path without trailing slashes, or null for text that is not an http(s) URL. */
function comparable(url: string): string | null {
  try {
    const parsed = new URL(url.trim());
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
    return parsed.origin + parsed.pathname.replace(/\/+$/, '');
  } catch {
    return null;
  }
}

/**
 * Mirrors the proxy's allow-list: the same server, or a base path below an allowed one (whole path
 * segments only), so the page warns exactly when the proxy would refuse.
 */
export function isAllowedTarget(serverUrl: string, config: ExplorerConfig | null): boolean {
  const wanted = comparable(serverUrl);
  if (wanted === null) return false;
  return (config?.targets ?? []).some((target) => {
    const allowed = comparable(target);
    return allowed !== null && (wanted === allowed || wanted.startsWith(`${allowed}/`));
  });
}
