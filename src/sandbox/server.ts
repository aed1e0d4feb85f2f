// startSandbox(): builds the store, the route table and a node:http server.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHandler, Router } from './app';
import type { AppState, RouteSpec } from './framework';
import { LoginAttempts } from './login-attempts';
import { RateLimiter } from './rate-limiter';
import { allRoutes } from './routes';
import { SEED_NOW, seed } from './seed';
import { seedShowcase } from './showcase';
import { Settings, settingsFromEnv } from './settings';
import { Store } from './store';

export const SANDBOX_VERSION = '8.1.0';

export interface SandboxOptions {
  port?: number;
  host?: string;
  /** Number of users to seed (default 2000); other collections scale with it. */
  seedUsers?: number;
  /** Setting IDs -> values; applied over env and SANDBOX_SETTINGS_FILE. */
  settings?: Record<string, unknown>;
  /** Environment to read SANDBOX_* and setting IDs from (default process.env; pass {} to ignore it). */
  env?: NodeJS.ProcessEnv;
  /** Trusted proxy hops for X-Forwarded-For (like HTTP_FORWARDED_COUNT). Default 0. */
  trustedProxyCount?: number;
  /** Extra routes (tests use this to prove how unexpected exceptions are answered). */
  extraRoutes?: RouteSpec[];
}

export interface SandboxHandle {
  url: string;
  port: number;
  close(): Promise<void>;
  /** In-process access for tests and benchmarks. */
  state: AppState;
  /** Wall-clock and CPU time of building the seed. */
  seedMs: number;
  seedCpuMs: number;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
  const env = options.env ?? process.env;
  const host = options.host ?? env.SANDBOX_HOST ?? '127.0.0.1';
  const port =
    options.port ??
    (env.SANDBOX_PORT !== undefined && env.SANDBOX_PORT !== '' ? Number(env.SANDBOX_PORT) : 4100);
  const seedUsers = options.seedUsers ?? (env.SANDBOX_SEED_USERS ? Number(env.SANDBOX_SEED_USERS) : 2000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid SANDBOX_PORT: ${port}`);
  if (!Number.isFinite(seedUsers) || seedUsers < 0)
    throw new Error(`Invalid SANDBOX_SEED_USERS: ${seedUsers}`);
  const configured = { ...settingsFromEnv(env), ...(options.settings ?? {}) };
  const settings = new Settings(configured);
  const trustedProxyCount = options.trustedProxyCount ?? (Number(env.HTTP_FORWARDED_COUNT) || 0);

  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const store = new Store(new Date(SEED_NOW));
  seed(store, { users: Math.floor(seedUsers) });
  seedShowcase(store);
  const seedMs = performance.now() - t0;
  const seedCpuMs = process.cpuUsage(cpu0).user / 1000;

  const state: AppState = {
    settings,
    store,
    limiter: new RateLimiter(),
    loginAttempts: new LoginAttempts(),
    testMode: !!env.TEST_MODE && env.TEST_MODE !== 'false',
    version: SANDBOX_VERSION,
  };
  const router = new Router([...allRoutes(), ...(options.extraRoutes ?? [])]);
  const handler = createHandler(state, router, { trustedProxyCount });
  const server = createServer((req, res) => {
    void handler(req, res);
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actualPort = (server.address() as AddressInfo).port;
  // A wildcard bind is reachable on loopback; print that address.
  const shown = host === '0.0.0.0' || host === '::' || host === '' ? '127.0.0.1' : host;
  const displayHost = shown.includes(':') ? `[${shown}]` : shown;
  const url = `http://${displayHost}:${actualPort}`;
  if (!('Site_Url' in configured)) settings.set('Site_Url', url);
  return {
    url,
    port: actualPort,
    state,
    seedMs,
    seedCpuMs,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
