/**
 * The e2e test API: every spec imports `test` and `expect` from here, never from @playwright/test.
 *
 * - `pageErrors` (automatic): fails the test on any uncaught page error, console error or CSP
 *   violation in any page of the test's context. Expected errors are declared with
 *   `pageErrors.allow(/pattern/)`. HTTP error statuses of API calls (proxied or direct) are what an
 *   API explorer is for, so Chromium's "Failed to load resource: ... status of 4xx" lines for
 *   /proxy/ and target URLs are not errors; for the app's own files they are.
 * - `stack`: a real sandbox (child process) and a real explorer server (in the worker, serving
 *   dist/) on free ports, also given as `explorerUrl` and `sandboxUrl`. The default stack is
 *   shared by all tests of a worker; `useStack({ sandboxEnv: { API_Default_Count: '5' } })` at the
 *   top of a file or in a describe block gives those tests a stack of their own, shared by the
 *   consecutive tests that ask for the same options. State (rate-limit windows, sign-ins, created
 *   rooms) therefore carries over between tests sharing a stack: write tests that tolerate it.
 */
import path from 'node:path';
import { test as base, expect } from '@playwright/test';
import { REPO_ROOT } from '../scripts/lib/build-if-stale';
import { describeExit, SANDBOX_READY, startChild } from '../scripts/lib/children';
import { startExplorerServer } from '../src/server/server';

export interface StackOptions {
  /** Environment of the sandbox: Rocket.Chat setting IDs and SANDBOX_* (e.g. SANDBOX_SEED_USERS). */
  sandboxEnv?: Record<string, string>;
  /** Extra servers the proxy may reach besides the sandbox. */
  targets?: string[];
  /** Explorer proxy timeouts, short ones for timeout tests. */
  connectTimeoutMs?: number;
  idleTimeoutMs?: number;
}

export interface Stack {
  explorerUrl: string;
  sandboxUrl: string;
  /** Null while the sandbox runs; else why it stopped and its last output. */
  sandboxFailure(): string | null;
}

export interface PageErrors {
  /** Declares an expected error: matching messages do not fail the test. */
  allow(pattern: RegExp): void;
  /** Errors collected so far (not counting allowed ones). */
  list(): string[];
}

interface RunningStack extends Stack {
  close(): Promise<void>;
}

interface WorkerFixtures {
  stackPool: StackPool;
}

interface TestFixtures {
  stackOptions: StackOptions;
  stack: Stack;
  explorerUrl: string;
  sandboxUrl: string;
  pageErrors: PageErrors;
}

/** Reports CSP violations on the console, where the `pageErrors` fixture sees them. */
const REPORT_CSP_VIOLATIONS = `document.addEventListener('securitypolicyviolation', (e) => {
  console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline code') +
    ' at ' + (e.sourceFile || 'unknown') + ':' + e.lineNumber);
}, true);`;

const RESOURCE_STATUS = /^Failed to load resource: the server responded with a status of \d{3}/;

/** Starts a real sandbox (child process) and a real explorer server (in this worker) on free ports. */
async function startStack(options: StackOptions): Promise<RunningStack> {
  const sandbox = startChild({
    name: 'sandbox',
    entry: 'src/sandbox/main.ts',
    env: { ...process.env, SANDBOX_HOST: '127.0.0.1', ...options.sandboxEnv, SANDBOX_PORT: '0' },
    readyPattern: SANDBOX_READY,
    echo: false,
  });
  let sandboxUrl: string;
  try {
    sandboxUrl = await sandbox.ready;
  } catch (err) {
    await sandbox.stop();
    throw err;
  }
  const explorer = await startExplorerServer({
    port: 0,
    sandboxUrl,
    targets: options.targets ?? [],
    staticRoot: path.join(REPO_ROOT, 'dist'),
    ...(options.connectTimeoutMs === undefined ? {} : { connectTimeoutMs: options.connectTimeoutMs }),
    ...(options.idleTimeoutMs === undefined ? {} : { idleTimeoutMs: options.idleTimeoutMs }),
  });
  let failure: string | null = null;
  let stopping = false;
  void sandbox.exited.then((exit) => {
    if (!stopping) {
      failure = `The sandbox stopped during the tests (${describeExit(exit)}). Its last output:\n${sandbox.lastOutput()}`;
    }
  });
  return {
    explorerUrl: explorer.url,
    sandboxUrl,
    sandboxFailure: () => failure,
    async close() {
      stopping = true;
      await explorer.close();
      await sandbox.stop();
    },
  };
}

/**
 * A worker's stacks: the default one lives as long as the worker; at most one custom stack lives
 * beside it (tests run one at a time in a worker, grouped by file, so the previous custom stack
 * is closed when other options are asked for).
 */
class StackPool {
  #default: Promise<RunningStack> | null = null;
  #custom: { key: string; stack: Promise<RunningStack> } | null = null;

  async get(options: StackOptions): Promise<RunningStack> {
    const key = stableKey(options);
    if (key === stableKey({})) return (this.#default ??= startStack({}));
    if (this.#custom?.key !== key) {
      const previous = this.#custom;
      this.#custom = null;
      if (previous !== null) await (await previous.stack.catch(() => null))?.close();
      this.#custom = { key, stack: startStack(options) };
    }
    return this.#custom.stack;
  }

  async closeAll(): Promise<void> {
    const all = [this.#default, this.#custom?.stack].filter(
      (s): s is Promise<RunningStack> => s !== null && s !== undefined,
    );
    await Promise.all(all.map(async (s) => (await s.catch(() => null))?.close()));
  }
}

function stableKey(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableKey).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const parts = entries
      .map(([k, v]) => [k, stableKey(v)] as const)
      .filter(([, v]) => v !== '{}' && v !== '[]');
    return `{${parts.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  stackOptions: [{}, { option: true }],

  stackPool: [
    // Playwright reads fixture dependencies from the destructuring pattern: it must be there, empty.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const pool = new StackPool();
      try {
        await use(pool);
      } finally {
        await pool.closeAll();
      }
    },
    { scope: 'worker', timeout: 60_000 },
  ],

  stack: [
    async ({ stackPool, stackOptions }, use) => use(await stackPool.get(stackOptions)),
    { timeout: 120_000 },
  ],

  explorerUrl: async ({ stack }, use) => use(stack.explorerUrl),
  sandboxUrl: async ({ stack }, use) => use(stack.sandboxUrl),

  pageErrors: [
    async ({ context, stack, stackOptions }, use) => {
      const errors: string[] = [];
      const allowed: RegExp[] = [];
      const apiOrigins = [stack.sandboxUrl, ...(stackOptions.targets ?? [])];
      const isApiCall = (url: string): boolean =>
        url.startsWith(`${stack.explorerUrl}/proxy/`) || apiOrigins.some((o) => url.startsWith(o));
      const record = (message: string): void => {
        if (!allowed.some((re) => re.test(message))) errors.push(message);
      };
      await context.addInitScript({ content: REPORT_CSP_VIOLATIONS });
      context.on('weberror', (e) => record(`Uncaught ${e.error().stack ?? e.error().message}`));
      context.on('console', (msg) => {
        if (msg.type() !== 'error') return;
        const url = msg.location().url;
        if (RESOURCE_STATUS.test(msg.text()) && isApiCall(url)) return;
        record(`console.error: ${msg.text()}${url ? ` (${url})` : ''}`);
      });
      await use({
        allow: (pattern) => {
          allowed.push(pattern);
          errors.splice(0, errors.length, ...errors.filter((m) => !pattern.test(m)));
        },
        list: () => [...errors],
      });
      expect(stack.sandboxFailure(), 'the sandbox must stay up').toBeNull();
      expect(errors, 'uncaught page errors, console errors or CSP violations during the test').toEqual([]);
    },
    { auto: true },
  ],
});

/** Gives the tests of the enclosing file or describe block their own stack with these options. */
export function useStack(options: StackOptions): void {
  test.use({ stackOptions: options });
}

export { expect };
