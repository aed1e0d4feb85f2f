import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SandboxHandle } from '../sandbox/server';
import { start } from '../sandbox/test-helpers';
import { startExplorerServer, type RunningExplorerServer } from './server';
import { request } from './test-support';

/**
 * Issue #16, item 5, end to end: the sandbox trusts one proxy hop (HTTP_FORWARDED_COUNT=1) and
 * blocks an IP after 3 failed logins. A client rotating X-Forwarded-For through the proxy must
 * still be counted as the one address it has.
 */

let sandbox: SandboxHandle;
let explorer: RunningExplorerServer;

beforeAll(async () => {
  sandbox = await start(
    {
      API_Enable_Rate_Limiter: false,
      Block_Multiple_Failed_Logins_By_User: false,
      Block_Multiple_Failed_Logins_Attempts_Until_Block_By_Ip: 3,
    },
    { seedUsers: 20, trustedProxyCount: 1 },
  );
  explorer = await startExplorerServer({ port: 0, sandboxUrl: sandbox.url, targets: [], staticRoot: null });
});
afterAll(async () => {
  await explorer.close();
  await sandbox.close();
});

it('a client rotating X-Forwarded-For through the proxy is still blocked after failed logins', async () => {
  const login = (i: number, password: string) =>
    request(explorer.url, {
      method: 'POST',
      path: '/proxy/api/v1/login',
      headers: {
        'X-Explorer-Target': sandbox.url,
        'Content-Type': 'application/json',
        'X-Forwarded-For': `198.51.100.${i}`,
        'X-Real-IP': `198.51.100.${i}`,
      },
      body: JSON.stringify({ user: 'demo', password }),
    });
  for (let i = 1; i <= 3; i++) expect((await login(i, 'wrong')).status).toBe(401);
  const blocked = await login(4, 'demo');
  expect(blocked.status).toBe(401);
  expect(JSON.parse(blocked.body)).toMatchObject({ error: 'error-login-blocked-for-ip' });
});
