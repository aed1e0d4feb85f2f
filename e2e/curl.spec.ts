/**
 * The copied cURL command pastes cleanly: run as is in `bash -c` (and zsh when installed) with the
 * two variables exported, against the real sandbox, it answers 200 with the signed-in user's data.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { requestPane } from './auth-helpers';
import { expect, test } from './fixtures';
import { clipboardText, openWithPastedToken } from './share-helpers';

function run(shell: string, script: string, env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      shell,
      ['-c', script],
      { env: { ...process.env, ...env }, timeout: 15_000 },
      (error, stdout, stderr) =>
        error ? reject(new Error(`${shell} failed: ${error.message}\n${stderr}`)) : resolve(stdout),
    );
  });
}

test('Copy as cURL runs in bash -c against the sandbox and is answered as the signed-in user', async ({
  page,
  context,
  explorerUrl,
  sandboxUrl,
  request,
}) => {
  const credentials = await openWithPastedToken({ page, context, request }, { explorerUrl, sandboxUrl }, [
    'GET',
    '/api/v1/me',
  ]);
  await requestPane(page).getByRole('button', { name: 'Copy as cURL' }).click();
  await expect(
    requestPane(page).getByRole('status').filter({ hasText: 'cURL command copied' }),
  ).toBeVisible();
  const curl = await clipboardText(page);
  // No empty quoted words left over from splicing the variables in.
  expect(curl).not.toContain(`"''`);
  const env = { RC_USER_ID: credentials.userId, RC_AUTH_TOKEN: credentials.authToken };
  for (const shell of ['/bin/bash', '/bin/zsh', '/usr/bin/zsh'].filter((s) => existsSync(s))) {
    const out = await run(shell, `${curl.trimEnd()} --silent --show-error`, env);
    const body = JSON.parse(out) as { success?: boolean; username?: string };
    expect(body.success, `${shell}: ${out}`).toBe(true);
    expect(body.username).toBe('admin');
  }
});
