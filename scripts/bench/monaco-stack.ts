/**
 * A sandbox + explorer server (serving dist/) on free ports, for the Monaco benchmark and
 * screenshots. Same pieces as the e2e fixture.
 */
import path from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { chromiumArgs, findChromium } from '../../e2e/browser';
import { REPO_ROOT } from '../lib/build-if-stale';
import { SANDBOX_READY, startChild } from '../lib/children';
import { startExplorerServer } from '../../src/server/server';

export interface MonacoStack {
  explorerUrl: string;
  sandboxUrl: string;
  close(): Promise<void>;
}

export async function startMonacoStack(sandboxEnv: Record<string, string> = {}): Promise<MonacoStack> {
  const sandbox = startChild({
    name: 'sandbox',
    entry: 'src/sandbox/main.ts',
    env: { ...process.env, SANDBOX_HOST: '127.0.0.1', ...sandboxEnv, SANDBOX_PORT: '0' },
    readyPattern: SANDBOX_READY,
    echo: false,
  });
  const sandboxUrl = await sandbox.ready;
  const explorer = await startExplorerServer({
    port: 0,
    sandboxUrl,
    targets: [],
    staticRoot: path.join(REPO_ROOT, 'dist'),
  });
  return {
    explorerUrl: explorer.url,
    sandboxUrl,
    close: async () => {
      await explorer.close();
      await sandbox.stop();
    },
  };
}

export function launchChromium(): Promise<Browser> {
  const executablePath = findChromium();
  return chromium.launch({ ...(executablePath ? { executablePath } : {}), args: chromiumArgs() });
}
