// The `npm run sandbox` entry point and the settings sources, as other components use them.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Settings, settingsFromEnv } from './settings';

describe('settings sources', () => {
  it('env overrides the JSON file, both use the real setting IDs and are coerced to their types', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sandbox-settings-'));
    const file = join(dir, 'settings.json');
    writeFileSync(
      file,
      JSON.stringify({ API_Default_Count: 7, API_Upper_Count_Limit: 20, API_Enable_CORS: true }),
    );
    const s = new Settings(
      settingsFromEnv({
        SANDBOX_SETTINGS_FILE: file,
        API_Upper_Count_Limit: '30',
        API_Allow_Infinite_Count: 'FALSE',
        ALLOW_UNSAFE_QUERY_AND_FIELDS_API_PARAMS: 'TRUE',
        UNRELATED: 'x',
      }),
    );
    expect(s.number('API_Default_Count')).toBe(7);
    expect(s.number('API_Upper_Count_Limit')).toBe(30);
    expect(s.bool('API_Allow_Infinite_Count')).toBe(false);
    expect(s.bool('API_Enable_CORS')).toBe(true);
    expect(s.bool('ALLOW_UNSAFE_QUERY_AND_FIELDS_API_PARAMS')).toBe(true);
    expect(s.get('UNRELATED')).toBeUndefined();
  });

  it('rejects a settings file that is not a JSON object', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sandbox-settings-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, '[1,2]');
    expect(() => settingsFromEnv({ SANDBOX_SETTINGS_FILE: file })).toThrow(/JSON object/);
  });
});

describe('main.ts', () => {
  it('prints exactly one ready line on stdout and serves the env settings', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/sandbox/main.ts'], {
      env: { ...process.env, SANDBOX_PORT: '0', SANDBOX_SEED_USERS: '100', API_Default_Count: '3' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let out = '';
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /^Sandbox ready at (http:\/\/127\.0\.0\.1:\d+)\n$/.exec(out);
          if (m) resolve(m[1] as string);
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
      });
      const login = await fetch(`${url}/api/v1/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ user: 'demo', password: 'demo' }),
      });
      const { data } = (await login.json()) as { data: { userId: string; authToken: string } };
      const list = await fetch(`${url}/api/v1/channels.list`, {
        headers: { 'X-User-Id': data.userId, 'X-Auth-Token': data.authToken },
      });
      expect(((await list.json()) as { count: number }).count).toBe(3);
      expect(out.split('\n').filter(Boolean)).toHaveLength(1);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
