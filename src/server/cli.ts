import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_IDLE_TIMEOUT_MS } from './handler';
import { DEFAULT_BODY_TIMEOUT_MS } from './proxy';
import type { ExplorerServerOptions } from './server';
import { normaliseTarget, splitList } from './targets';

/**
 * Command line and environment of `tsx src/server/main.ts`:
 *   --port N (env PORT, default 4000)       --host H (env EXPLORER_HOST, default 127.0.0.1)
 *   --public-url URL (env EXPLORER_PUBLIC_URL): the address people open, behind a reverse proxy
 *   --target URL, repeatable (env RC_TARGETS, comma-separated)
 *   --sandbox URL (env SANDBOX_URL)         --dist DIR (default dist)
 *   --allowed-host NAME, repeatable (env EXPLORER_ALLOWED_HOSTS)
 *   --connect-timeout MS (env EXPLORER_CONNECT_TIMEOUT_MS)  --idle-timeout MS (env EXPLORER_IDLE_TIMEOUT_MS)
 *   --body-timeout MS (env EXPLORER_BODY_TIMEOUT_MS): time for a whole request body to arrive (408)
 *   --source-maps: serve the build's source maps (off by default)
 *   --quiet: no request log
 */

export const USAGE = `Usage: tsx src/server/main.ts [--port 4000] [--host 127.0.0.1] [--public-url URL] [--target URL]... [--sandbox URL]
       [--allowed-host NAME]... [--dist dist] [--connect-timeout MS] [--idle-timeout MS] [--body-timeout MS] [--source-maps] [--quiet]
Environment: PORT, EXPLORER_HOST, EXPLORER_PUBLIC_URL, RC_TARGETS (comma-separated), SANDBOX_URL, EXPLORER_ALLOWED_HOSTS,
             EXPLORER_CONNECT_TIMEOUT_MS, EXPLORER_IDLE_TIMEOUT_MS, EXPLORER_BODY_TIMEOUT_MS`;

export class UsageError extends Error {}

function integer(name: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > 2 ** 31)
    throw new UsageError(`${name} must be an integer >= ${min}, got "${value}".`);
  return n;
}

function checkTarget(source: string, raw: string): string {
  const parsed = normaliseTarget(raw);
  if (!parsed.ok) throw new UsageError(`${source} "${raw}" is not a server base URL: ${parsed.reason}.`);
  return parsed.target;
}

/** The options of `src/server/main.ts`; the packaged command (bin.ts) adds its own to these. */
export const SERVER_ARGS = {
  port: { type: 'string' },
  host: { type: 'string' },
  'public-url': { type: 'string' },
  target: { type: 'string', multiple: true },
  sandbox: { type: 'string' },
  dist: { type: 'string' },
  'allowed-host': { type: 'string', multiple: true },
  'connect-timeout': { type: 'string' },
  'idle-timeout': { type: 'string' },
  'body-timeout': { type: 'string' },
  'source-maps': { type: 'boolean' },
  quiet: { type: 'boolean' },
} as const;

export interface ServerArgValues {
  port?: string;
  host?: string;
  'public-url'?: string;
  target?: string[];
  sandbox?: string;
  dist?: string;
  'allowed-host'?: string[];
  'connect-timeout'?: string;
  'idle-timeout'?: string;
  'body-timeout'?: string;
  'source-maps'?: boolean;
  quiet?: boolean;
}

export type CliOptions = ExplorerServerOptions & { quiet: boolean };

/** parseArgs with UsageError for unknown or malformed flags. */
export function parseFlags<T extends ParseArgsConfig['options']>(argv: readonly string[], options: T) {
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values;
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

export function parseCli(argv: readonly string[], env: NodeJS.ProcessEnv, cwd = process.cwd()): CliOptions {
  return optionsFrom(parseFlags(argv, SERVER_ARGS), env, cwd);
}

/**
 * The public address people open when the explorer sits behind a reverse proxy: its host name is
 * served and its origin accepted (guards.ts), whatever Host the proxy forwards.
 */
function publicUrlOf(raw: string | undefined): string | null {
  if (raw === undefined || raw === '') return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`--public-url "${raw}" is not a URL (e.g. https://explorer.example.com).`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username !== '' || url.password !== '')
    throw new UsageError(`--public-url "${raw}" must be an http(s) URL without credentials.`);
  return url.origin;
}

export function optionsFrom(
  values: ServerArgValues,
  env: NodeJS.ProcessEnv,
  cwd = process.cwd(),
): CliOptions {
  const sandboxRaw = values.sandbox ?? env.SANDBOX_URL;
  const targets = [
    ...(values.target ?? []).map((t) => checkTarget('--target', t)),
    ...splitList(env.RC_TARGETS).map((t) => checkTarget('RC_TARGETS entry', t)),
  ];
  return {
    port: integer('--port / PORT', values.port ?? env.PORT, 4000, 0),
    host: values.host ?? env.EXPLORER_HOST ?? '127.0.0.1',
    publicOrigin: publicUrlOf(values['public-url'] ?? env.EXPLORER_PUBLIC_URL),
    sandboxUrl: sandboxRaw === undefined || sandboxRaw === '' ? null : checkTarget('--sandbox', sandboxRaw),
    targets,
    // A server named on the command line is the one the person came to explore; the sandbox stays
    // one choice away in the Server field's list.
    defaultServer: targets[0] ?? null,
    staticRoot: path.resolve(cwd, values.dist ?? 'dist'),
    allowedHosts: [...(values['allowed-host'] ?? []), ...splitList(env.EXPLORER_ALLOWED_HOSTS)],
    connectTimeoutMs: integer(
      '--connect-timeout',
      values['connect-timeout'] ?? env.EXPLORER_CONNECT_TIMEOUT_MS,
      DEFAULT_CONNECT_TIMEOUT_MS,
      1,
    ),
    idleTimeoutMs: integer(
      '--idle-timeout',
      values['idle-timeout'] ?? env.EXPLORER_IDLE_TIMEOUT_MS,
      DEFAULT_IDLE_TIMEOUT_MS,
      1,
    ),
    bodyTimeoutMs: integer(
      '--body-timeout',
      values['body-timeout'] ?? env.EXPLORER_BODY_TIMEOUT_MS,
      DEFAULT_BODY_TIMEOUT_MS,
      1,
    ),
    sourceMaps: values['source-maps'] ?? false,
    quiet: values.quiet ?? false,
  };
}

/** True for addresses only this machine can reach. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * The start banner's lines about the servers named (--target, RC_TARGETS): the page opens on the
 * first (optionsFrom's defaultServer), the others are allowed. Shared by `npm start` and the
 * installed command, so both say the same.
 */
export function targetBannerLines(targets: readonly string[], opensOnNote = ''): string[] {
  const [first, ...others] = targets;
  if (first === undefined) return [];
  return [
    `  Opens on                  ${first}${opensOnNote}`,
    ...(others.length > 0 ? [`  Also allowed              ${others.join(', ')}`] : []),
  ];
}
