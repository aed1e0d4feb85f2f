import { createHash } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { IncomingMessage } from 'node:http';

/**
 * Kept-alive upstream connections, partitioned by who is asking. A connection is only ever reused
 * for requests carrying the same credentials from the same client address, so even if an upstream
 * mis-framed one request, the bytes of another person's request (with their X-Auth-Token) could
 * never be appended to it. Each partition has a small socket limit, so one client holding
 * connections (slow bodies, slow downloads) cannot take the capacity others need.
 */

/** Request headers that identify whose request it is. */
const CREDENTIAL_HEADERS = ['x-auth-token', 'x-user-id', 'authorization', 'cookie'] as const;

export interface UpstreamPoolOptions {
  /** Sockets one partition may open to one upstream at a time. */
  socketsPerPartition?: number;
  /** Partitions kept; the least recently used one is closed beyond this. */
  maxPartitions?: number;
  /** How long an unused kept-alive socket stays open. */
  freeSocketTimeoutMs?: number;
}

export interface UpstreamPool {
  agentFor(req: IncomingMessage, protocol: string): http.Agent;
  /** Partitions currently open (for tests). */
  readonly size: number;
  close(): void;
}

/** A one-way digest of the credentials: the pool never keeps a token itself. */
export function partitionKey(req: IncomingMessage, protocol: string): string {
  const hash = createHash('sha256');
  hash.update(`${protocol}\n${req.socket.remoteAddress ?? ''}\n`);
  for (const name of CREDENTIAL_HEADERS) {
    const value = req.headersDistinct[name];
    hash.update(`${name}:${value === undefined ? '' : JSON.stringify(value)}\n`);
  }
  return hash.digest('base64url');
}

function closeFreeSockets(agent: http.Agent): void {
  for (const sockets of Object.values(agent.freeSockets)) sockets?.forEach((s) => s.destroy());
}

export function createUpstreamPool(options: UpstreamPoolOptions = {}): UpstreamPool {
  const maxSockets = options.socketsPerPartition ?? 8;
  const maxPartitions = options.maxPartitions ?? 64;
  const timeout = options.freeSocketTimeoutMs ?? 15_000;
  // A Map iterates in insertion order: re-inserting on use keeps the least recently used first.
  const agents = new Map<string, http.Agent>();

  return {
    agentFor(req, protocol) {
      const key = partitionKey(req, protocol);
      let agent = agents.get(key);
      if (agent !== undefined) {
        agents.delete(key);
      } else {
        const settings = { keepAlive: true, maxSockets, maxFreeSockets: maxSockets, timeout };
        agent = protocol === 'https:' ? new https.Agent(settings) : new http.Agent(settings);
      }
      agents.set(key, agent);
      if (agents.size > maxPartitions) {
        const [oldestKey, oldest] = agents.entries().next().value as [string, http.Agent];
        agents.delete(oldestKey);
        // Requests still running on it finish; their sockets then time out as free sockets.
        closeFreeSockets(oldest);
      }
      return agent;
    },
    get size() {
      return agents.size;
    },
    close() {
      for (const agent of agents.values()) agent.destroy();
      agents.clear();
    },
  };
}
