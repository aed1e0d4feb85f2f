import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
// Test-only: a real local HTTP peer and a real curl process prove the snippets run. The module
// under test itself uses no Node built-ins.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { RestClient } from '@rocket.chat/api-client';
import {
  copyAsCurl,
  expandPlaceholdersInShell,
  generateSnippet,
  SNIPPET_TARGETS,
  type SnippetTarget,
} from '.';
import type { RequestDraft } from '../request/draft';

const TOKEN = 'Xq3vJ9kLmN2pQ7rS8tU1wY4zA6bC0dE5fG_hI-jKlMn';
const USER_ID = 'rbAXPnMktTFbNpwtJ';

const list: RequestDraft = {
  serverUrl: 'http://127.0.0.1:4100',
  operationLabel: 'GET /api/v1/users.list',
  method: 'GET',
  path: '/api/v1/users.list',
  pathParams: {},
  params: { count: '10', offset: '' },
  jsonParams: { query: '{ "name": { "$regex": "a b&c" } }', fields: '', sort: '{"username": 1}' },
  body: '',
  headers: { 'X-Trace': "it's" },
  view: { tab: 'raw' },
};

const post: RequestDraft = {
  ...list,
  method: 'POST',
  path: '/api/v1/users.create',
  operationLabel: 'POST /api/v1/users.create',
  params: {},
  jsonParams: { query: '', fields: '', sort: '' },
  body: '{\n  "username": "new",\n  "email": "n@example.com",\n  "name": "O\'Brien",\n  "password": "S3cret-pass!"\n}',
  headers: {},
};

const TARGETS = SNIPPET_TARGETS.map((t) => t.id);

describe('snippets', () => {
  it.each(TARGETS)(
    '%s: URL, method, placeholders; never the real token or password by default',
    async (target: SnippetTarget) => {
      for (const draft of [list, post]) {
        const code = await generateSnippet(draft, target, {
          credentials: { userId: USER_ID, authToken: TOKEN },
        });
        expect(code).toContain('127.0.0.1:4100');
        expect(code).toContain(draft.path.replace('/api', ''));
        expect(code).toMatch(target === 'curl' ? /\$RC_AUTH_TOKEN/ : /RC_AUTH_TOKEN/);
        expect(code).toMatch(/RC_USER_ID/);
        expect(code).not.toContain(TOKEN);
        expect(code).not.toContain(USER_ID);
        expect(code).not.toContain('S3cret-pass!');
        if (target === 'node-api-client') expect(code).toContain(`client.${draft.method.toLowerCase()}(`);
        else if (target === 'python') expect(code).toContain(`requests.${draft.method.toLowerCase()}(`);
        else expect(code).toMatch(new RegExp(`\\b${draft.method}\\b`));
      }
    },
  );

  it.each(TARGETS)('%s: real values only when asked', async (target: SnippetTarget) => {
    const code = await generateSnippet(post, target, {
      auth: 'real',
      credentials: { userId: USER_ID, authToken: TOKEN },
    });
    expect(code).toContain(TOKEN);
    expect(code).toContain(USER_ID);
    expect(code).not.toContain('$RC_AUTH_TOKEN');
  });

  it('no auth headers for anonymous calls', async () => {
    const code = await generateSnippet(
      {
        ...list,
        path: '/api/info',
        operationLabel: 'GET /api/info',
        params: {},
        jsonParams: { query: '', fields: '', sort: '' },
      },
      'curl',
      { auth: 'none' },
    );
    expect(code).not.toMatch(/X-User-Id|X-Auth-Token|RC_/);
  });

  it('encodes query/fields/sort exactly once (compacted JSON, same as the runner)', async () => {
    const code = await generateSnippet(list, 'fetch');
    const url = /'(http[^']+)'/.exec(code)?.[1] ?? '';
    const search = new URL(url).searchParams;
    expect(search.get('query')).toBe('{"name":{"$regex":"a b&c"}}');
    expect(search.get('sort')).toBe('{"username":1}');
    expect(search.get('count')).toBe('10');
    expect(search.has('offset')).toBe(false);
    expect(url).not.toMatch(/%25/); // a double-encoded '%' would show as %25
  });

  it('node api-client: baseUrl is the server (the client adds /api), endpoint starts at /v1, params object', async () => {
    const code = await generateSnippet(list, 'node-api-client');
    expect(code).toContain("new RestClient({ baseUrl: 'http://127.0.0.1:4100', headers: {");
    expect(code).toContain(
      "client.setCredentials({ 'X-User-Id': process.env.RC_USER_ID, 'X-Auth-Token': process.env.RC_AUTH_TOKEN });",
    );
    expect(code).toContain(
      'const result = await client.get(\'/v1/users.list\', {\n  count: \'10\',\n  query: \'{"name":{"$regex":"a b&c"}}\',',
    );
    const created = await generateSnippet(post, 'node-api-client');
    expect(created).toContain('"password": "$RC_PASSWORD"');
    expect(created).toContain('"name": "O\'Brien"');
  });

  it('shell placeholder splicing survives quotes in the same word', () => {
    expect(expandPlaceholdersInShell("--header 'X-Auth-Token: $RC_AUTH_TOKEN'")).toBe(
      `--header 'X-Auth-Token: '"$RC_AUTH_TOKEN"`,
    );
    expect(expandPlaceholdersInShell(`--data '{"a":"it'\\''s $RC_PASSWORD"}'`)).toBe(
      `--data '{"a":"it'\\''s '"$RC_PASSWORD"'"}'`,
    );
    expect(expandPlaceholdersInShell('echo $RC_AUTH_TOKEN')).toBe('echo $RC_AUTH_TOKEN');
    // A word that is only the placeholder leaves no empty '' behind on either side.
    expect(expandPlaceholdersInShell("-H '$RC_AUTH_TOKEN' x")).toBe('-H "$RC_AUTH_TOKEN" x');
  });
});

// ---- the snippets run against a real local server ---------------------------------------------

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}
let server: Server;
let base = '';
const received: Received[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"success":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function run(file: string, args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { env: { ...process.env, ...env }, timeout: 15000 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
    );
  });
}

describe('generated code runs', () => {
  it('cURL with exported variables sends the token, the decoded query and the body', async () => {
    received.length = 0;
    const script = await copyAsCurl({ ...post, serverUrl: base, params: { note: 'a b&c' } });
    await run('bash', ['-c', script], {
      RC_USER_ID: USER_ID,
      RC_AUTH_TOKEN: TOKEN,
      RC_PASSWORD: 'typed-at-run-time',
    });
    const got = received[0];
    expect(got?.method).toBe('POST');
    expect(got?.headers['x-auth-token']).toBe(TOKEN);
    expect(got?.headers['x-user-id']).toBe(USER_ID);
    expect(new URL(got?.url ?? '', base).searchParams.get('note')).toBe('a b&c');
    expect(JSON.parse(got?.body ?? '')).toEqual({
      username: 'new',
      email: 'n@example.com',
      name: "O'Brien",
      password: 'typed-at-run-time',
    });
  });

  it('cURL GET with query/fields/sort arrives decoded once', async () => {
    received.length = 0;
    await run('bash', ['-c', await copyAsCurl({ ...list, serverUrl: base })], {
      RC_USER_ID: USER_ID,
      RC_AUTH_TOKEN: TOKEN,
    });
    const search = new URL(received[0]?.url ?? '', base).searchParams;
    expect(search.get('query')).toBe('{"name":{"$regex":"a b&c"}}');
    expect(received[0]?.headers['x-trace']).toBe("it's");
  });

  it('JavaScript fetch sends exactly what the snippet says (placeholders stay placeholders)', async () => {
    received.length = 0;
    const code = await generateSnippet({ ...list, serverUrl: base }, 'fetch');
    const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (
      body: string,
    ) => () => Promise<void>;
    const quiet = code.replace(/console\.(log|error)\([^)]*\);/g, '');
    await new AsyncFunction(quiet)();
    expect(received[0]?.headers['x-auth-token']).toBe('$RC_AUTH_TOKEN');
    expect(new URL(received[0]?.url ?? '', base).searchParams.get('sort')).toBe('{"username":1}');
  });

  it('Node @rocket.chat/api-client reaches the same URL with the real client', async () => {
    received.length = 0;
    const code = await generateSnippet({ ...list, serverUrl: base }, 'node-api-client');
    // Run the snippet's body with the real RestClient in place of its import line.
    const body = code.replace(/^import .*$/m, '').replace(/console\.(log|error)\([^)]*\);/g, '');
    const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (
      ...args: string[]
    ) => (client: typeof RestClient, proc: { env: Record<string, string> }) => Promise<void>;
    await new AsyncFunction('RestClient', 'process', body)(RestClient, {
      env: { RC_USER_ID: USER_ID, RC_AUTH_TOKEN: TOKEN },
    });
    const got = received[0];
    expect(new URL(got?.url ?? '', base).pathname).toBe('/api/v1/users.list');
    expect(got?.headers['x-auth-token']).toBe(TOKEN);
    expect(new URL(got?.url ?? '', base).searchParams.get('query')).toBe('{"name":{"$regex":"a b&c"}}');
  });
});

describe('snippet properties', () => {
  it('no target ever contains the signed-in token, a body password or a pasted token unless asked', async () => {
    const tokenArb = fc
      .stringMatching(/^[A-Za-z0-9_-]{43}$/)
      .filter((t) => /[a-z]/.test(t) && /[A-Z]/.test(t) && /[0-9]/.test(t));
    const passwordArb = fc.stringMatching(/^[A-Za-z0-9]{12,20}$/).map((p) => `pw-${p}`);
    await fc.assert(
      fc.asyncProperty(
        tokenArb,
        tokenArb,
        passwordArb,
        fc.constantFrom(...TARGETS),
        async (token, pasted, password, target) => {
          const draft: RequestDraft = {
            ...post,
            params: { rc_token: pasted },
            headers: { 'X-Custom': pasted },
            body: JSON.stringify({ username: 'u', email: 'e@x.io', password, data: { note: 'x' } }),
          };
          const code = await generateSnippet(draft, target, {
            credentials: { userId: USER_ID, authToken: token },
            knownSecrets: [token],
          });
          for (const secret of [token, pasted, password, USER_ID]) expect(code).not.toContain(secret);
        },
      ),
      { numRuns: 100 },
    );
  });
});
