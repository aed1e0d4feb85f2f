/**
 * Several servers, one store: a token held for server A is never attached to a request for
 * server B. Requests are built the way the runner builds them (credentials looked up in
 * `state.auth` by the trimmed server URL, then prepareRequest) and sent to two real local HTTP
 * servers that record what arrives.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { executeRequest } from '../../core/http/execute';
import { prepareRequest, trimServerUrl } from '../../core/http/prepare';
import { emptyDraft } from '../../core/request/draft';
import { transportFor } from '../runner/transport';
import { useExplorerStore } from '../state/store';
import { send } from '../runner/send';

/** The headers the send action fixes into a run for a draft on this server (nothing is executed here). */
async function headersSentTo(server: string): Promise<Record<string, string>> {
  useExplorerStore.getState().actions.loadDraft(emptyDraft(server, 'GET', '/api/v1/me'));
  const result = send('button');
  const run = result.refused ? null : await result.run;
  if (!run) throw new Error('the send action refused the draft');
  return run.prepared.headers;
}

interface Recorder {
  url: string;
  server: Server;
  seen: IncomingHttpHeaders[];
}

async function recorder(): Promise<Recorder> {
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    seen.push(req.headers);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"success":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, seen };
}

let a: Recorder;
let b: Recorder;
const TOKEN_A = 'AaaaTokenForServerAaaaaaaaaaaaaaaaaaaaaaaaA';
const USER_A = 'userOnServerAAAAA';

beforeAll(async () => {
  a = await recorder();
  b = await recorder();
});
afterAll(async () => {
  await Promise.all([a, b].map((r) => new Promise((resolve) => r.server.close(resolve))));
});
beforeEach(() => {
  useExplorerStore.setState({ auth: {}, run: null, transportMode: 'direct', config: null });
  a.seen.length = 0;
  b.seen.length = 0;
});

/** What the runner does for one Send (src/ui/runner/useRunner.ts, `run`). */
async function sendAsRunner(serverUrl: string): Promise<void> {
  const state = useExplorerStore.getState();
  const draft = emptyDraft(serverUrl, 'GET', '/api/v1/me');
  const user = state.auth[trimServerUrl(draft.serverUrl)];
  const prepared = prepareRequest(draft, transportFor(state.transportMode, state.config), user?.credentials);
  await executeRequest(prepared);
}

describe('credentials are per server', () => {
  it('attaches A’s token to A only, also after switching the Server field back and forth', async () => {
    useExplorerStore.getState().actions.setAuth(`${a.url}/`, {
      credentials: { userId: USER_A, authToken: TOKEN_A },
      username: 'alice',
    });
    await sendAsRunner(a.url);
    await sendAsRunner(b.url);
    await sendAsRunner(`${a.url}//`);
    await sendAsRunner(` ${b.url}/ `);
    expect(a.seen.map((h) => h['x-auth-token'])).toEqual([TOKEN_A, TOKEN_A]);
    expect(a.seen.map((h) => h['x-user-id'])).toEqual([USER_A, USER_A]);
    expect(b.seen).toHaveLength(2);
    for (const headers of b.seen) {
      expect(headers['x-auth-token']).toBeUndefined();
      expect(headers['x-user-id']).toBeUndefined();
      expect(JSON.stringify(headers)).not.toContain(TOKEN_A);
    }
  });

  it('does not treat another port, scheme or path prefix of the same host as the same server', async () => {
    useExplorerStore
      .getState()
      .actions.setAuth(a.url, { credentials: { userId: USER_A, authToken: TOKEN_A } });
    const port = Number(new URL(a.url).port);
    for (const other of [
      `http://127.0.0.1:${port + 1}`,
      a.url.replace('http:', 'https:'),
      `${a.url}/chat`,
      `http://localhost:${port}`,
    ]) {
      expect((await headersSentTo(other))['X-Auth-Token']).toBeUndefined();
    }
    expect((await headersSentTo(a.url))['X-Auth-Token']).toBe(TOKEN_A);
  });

  it('through the proxy too: the target header names B and no token goes with it', async () => {
    useExplorerStore.setState({
      transportMode: 'proxy',
      config: { sandboxUrl: null, defaultServer: null, targets: [a.url, b.url], proxyPath: '/proxy' },
    });
    useExplorerStore
      .getState()
      .actions.setAuth(a.url, { credentials: { userId: USER_A, authToken: TOKEN_A } });
    const headers = await headersSentTo(b.url);
    expect(headers['X-Explorer-Target']).toBe(b.url);
    expect(Object.values(headers)).not.toContain(TOKEN_A);
  });

  it('signing out of B leaves A signed in', () => {
    const { setAuth } = useExplorerStore.getState().actions;
    setAuth(a.url, { credentials: { userId: USER_A, authToken: TOKEN_A } });
    setAuth(b.url, { credentials: { userId: 'userOnServerBBBBB', authToken: 'B'.repeat(43) } });
    setAuth(`${b.url}/`, null);
    expect(Object.keys(useExplorerStore.getState().auth)).toEqual([a.url]);
  });
});
