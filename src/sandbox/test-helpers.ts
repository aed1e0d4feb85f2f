// Helpers for the sandbox's own tests: a real server on 127.0.0.1:0 and plain fetch calls.
import type { SandboxHandle, SandboxOptions } from './server';
import { startSandbox } from './server';

export async function start(
  settings: Record<string, unknown> = {},
  extra: Partial<SandboxOptions> = {},
): Promise<SandboxHandle> {
  return startSandbox({ port: 0, host: '127.0.0.1', env: {}, seedUsers: 2000, settings, ...extra });
}

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json: Record<string, unknown>;
}

export async function call(
  base: string,
  method: string,
  path: string,
  opts: { headers?: Record<string, string>; body?: unknown } = {},
): Promise<Reply> {
  const init: RequestInit = {
    method,
    headers: { ...(opts.body !== undefined && { 'Content-Type': 'application/json' }), ...opts.headers },
  };
  if (opts.body !== undefined)
    init.body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
  const res = await fetch(`${base}${path}`, init);
  const text = await res.text();
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = {};
  }
  return { status: res.status, headers: res.headers, text, json };
}

export async function login(base: string, user: string, password: string): Promise<Record<string, string>> {
  const r = await call(base, 'POST', '/api/v1/login', { body: { user, password } });
  const data = r.json.data as { userId: string; authToken: string } | undefined;
  if (r.status !== 200 || !data) throw new Error(`login ${user} failed: ${r.status} ${r.text}`);
  return { 'X-User-Id': data.userId, 'X-Auth-Token': data.authToken };
}

export interface RocketChatCiSandbox {
  sb: SandboxHandle;
  /** Headers of the signed-in admin and demo accounts. */
  admin: Record<string, string>;
  demo: Record<string, string>;
  demoId: string;
}

/**
 * A sandbox started as Rocket.Chat's CI runs its server for the REST end-to-end suites the
 * contract-rc-* tests port: TEST_MODE (no rate limiter, no second factor), admin and demo signed in.
 */
export async function startLikeRocketChatCi(
  extra: Partial<SandboxOptions> = {},
): Promise<RocketChatCiSandbox> {
  const sb = await start({}, { ...extra, env: { TEST_MODE: 'true', ...extra.env } });
  const admin = await login(sb.url, 'admin', 'admin');
  const demo = await login(sb.url, 'demo', 'demo');
  return { sb, admin, demo, demoId: demo['X-User-Id'] as string };
}
