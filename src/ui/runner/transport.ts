import type { Transport } from '../../core/http/types';
import { trimServerUrl } from '../../core/http/prepare';
import type { ExplorerConfig } from '../state/store';

export type TransportMode = 'proxy' | 'direct';

/** The proxy when the explorer server is there (its own 403 says how to allow a new target), else direct. */
export function defaultTransportMode(config: ExplorerConfig | null): TransportMode {
  return config?.proxyPath ? 'proxy' : 'direct';
}

export function transportFor(mode: TransportMode, config: ExplorerConfig | null): Transport {
  if (mode === 'proxy' && config?.proxyPath) return { kind: 'proxy', proxyPath: config.proxyPath };
  return { kind: 'direct' };
}

export function isAllowedTarget(serverUrl: string, config: ExplorerConfig | null): boolean {
  const wanted = trimServerUrl(serverUrl);
  return (config?.targets ?? []).some((target) => trimServerUrl(target) === wanted);
}
