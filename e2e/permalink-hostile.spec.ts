/**
 * Hostile links at scale (issue #16): a link must never steer the signed-in person's token to
 * another server, and thousands of malformed or hostile `#r=` links opened in one page (10,000 with
 * HOSTILE_LINKS=10000) raise no page error (the fixtures fail the test on any), send no request,
 * and leave the app working.
 */
import fc from 'fast-check';
import LZString from 'lz-string';
import { encodePermalink } from '../src/core/permalink';
import { emptyDraft } from '../src/core/request/draft';
import { expect, test, useStack } from './fixtures';
import { loginViaApi, requestPane, responsePane, selectOperation, useToken } from './share-helpers';

// A second allowed target that is not running: where a hostile link would like the token to go.
const OTHER_SERVER = 'http://127.0.0.1:9';
useStack({
  sandboxEnv: { API_Enable_Rate_Limiter: 'false', SANDBOX_SEED_USERS: '60' },
  targets: [OTHER_SERVER],
});

const wire = (value: unknown): string =>
  `r=2.${LZString.compressToEncodedURIComponent(JSON.stringify(value))}`;
const wireRaw = (json: string): string => `r=2.${LZString.compressToEncodedURIComponent(json)}`;

/**
 * How many links the scale test opens. CI opens 300 (about a minute: each hostile link costs the
 * app ~0.2 s, mostly lz-string unpacking worst-case data); the full run is HOSTILE_LINKS=10000.
 */
const LINKS = Number(process.env.HOSTILE_LINKS ?? 300);

/** Deterministic hostile link fragments, mixed evenly from each kind. */
function hostileLinks(sandboxUrl: string): string[] {
  const real = encodePermalink({
    ...emptyDraft(sandboxUrl, 'POST', '/api/v1/chat.postMessage'),
    body: '{"channel":"#general","text":"hi"}',
    params: { count: '5' },
  }).slice(1);
  const data = real.slice(real.indexOf('.') + 1);
  const flip = (i: number, bit: number): string => {
    const chars = [...data];
    const at = i % chars.length;
    chars[at] = String.fromCharCode(chars[at]!.charCodeAt(0) ^ (1 << (bit % 7)));
    return `r=2.${chars.join('')}`;
  };
  const deep = (depth: number, open: string, close: string): string =>
    open.repeat(depth) + close.repeat(depth);
  const kinds: fc.Arbitrary<string>[] = [
    fc.string({ maxLength: 300 }).map((s) => `r=2.${s}`),
    fc.string({ maxLength: 300 }).map((s) => `r=${encodeURIComponent(s)}`),
    fc.integer({ min: 3, max: real.length - 1 }).map((cut) => real.slice(0, cut)),
    fc.tuple(fc.nat(), fc.nat(6)).map(([i, bit]) => flip(i, bit)),
    fc.integer({ min: 100, max: 200_000 }).map((d) => wireRaw(deep(d, '[', ']'))),
    fc
      .integer({ min: 100, max: 50_000 })
      .map((d) =>
        wireRaw(
          `{"s":"${sandboxUrl}","m":"GET","p":"/api/info","h":${deep(d, '{"a":', '}').replace(/}$/, '1}')}}`,
        ),
      ),
    fc
      .integer({ min: 1000, max: 100_000 })
      .map((n) => wireRaw(`{"s":"${sandboxUrl}","m":"GET","p":"/x","q":[${'0,'.repeat(n)}0]}`)),
    fc.integer({ min: 201, max: 20_000 }).map((n) =>
      wire({
        s: sandboxUrl,
        m: 'GET',
        p: '/api/info',
        q: Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 'v'])),
      }),
    ),
    fc
      .constantFrom('__proto__', 'constructor', 'prototype')
      .map((k) =>
        wireRaw(
          `{"s":"${sandboxUrl}","m":"GET","p":"/api/info","${k}":{"polluted":1},"q":{"${k}":"x"},"h":{"${k}":"y"}}`,
        ),
      ),
    fc
      .constantFrom('0', '3', '99', '999999', '-1', '1e3', '', 'x')
      .chain((v) =>
        fc.string({ maxLength: 50 }).map((s) => `r=${v}.${LZString.compressToEncodedURIComponent(s)}`),
      ),
    fc
      .constantFrom(
        'http://evil.example',
        'http://127.0.0.1:1',
        'javascript:alert(1)',
        'file:///etc/passwd',
        'http://u:p@127.0.0.1:9',
        OTHER_SERVER,
      )
      .map((s) =>
        wire({
          s,
          m: 'GET',
          p: '/api/v1/me',
          h: { 'x-explorer-target': OTHER_SERVER, 'X-Auth-Token': 'attacker' },
        }),
      ),
  ];
  return fc.sample(fc.oneof(...kinds), { numRuns: LINKS, seed: 16 });
}

test.describe('hostile links', () => {
  test('a link cannot steer the token to another server with a control header in any casing', async ({
    page,
    explorerUrl,
    sandboxUrl,
    request,
  }) => {
    const credentials = await loginViaApi(request, sandboxUrl);
    await page.goto(explorerUrl);
    await useToken(page, credentials);
    const link = wire({
      s: sandboxUrl,
      m: 'GET',
      p: '/api/v1/me',
      h: { 'x-explorer-target': `${OTHER_SERVER}/x`, 'X-EXPLORER-TARGET': OTHER_SERVER, 'X-Trace': 'kept' },
    });
    await page.evaluate((hash) => (window.location.hash = hash), link);
    await expect(requestPane(page).getByText('/api/v1/me', { exact: true }).first()).toBeVisible();
    const sent: Record<string, string>[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/proxy/')) void r.allHeaders().then((h) => sent.push(h));
    });
    await requestPane(page).getByRole('button', { name: 'Send', exact: true }).click();
    await expect(responsePane(page).getByRole('status', { name: 'Status' })).toContainText('200');
    await expect.poll(() => sent.length).toBe(1);
    expect(sent[0]!['x-explorer-target']).toBe(sandboxUrl);
    expect(sent[0]!['x-trace']).toBe('kept');
  });

  test('malformed and hostile links at scale in one page: no page error, no request sent, app still works', async ({
    page,
    explorerUrl,
    sandboxUrl,
  }) => {
    test.setTimeout(300_000);
    const links = hostileLinks(sandboxUrl);
    expect(links).toHaveLength(LINKS);
    await page.goto(explorerUrl);
    await selectOperation(page, 'GET', '/api/v1/users.list');
    const count = requestPane(page).getByRole('spinbutton', { name: 'count', exact: true });
    await count.fill('6');
    const explorerOrigin = new URL(explorerUrl).origin;
    const unasked: string[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.pathname.startsWith('/proxy') || url.origin !== explorerOrigin)
        unasked.push(
          `${r.url()} -> ${r.headers()['x-explorer-target'] ?? '(direct)'} after ${page.url().slice(-80)}`,
        );
    });
    const started = Date.now();
    const longestTaskMs = await page.evaluate(async (hashes) => {
      let longest = 0;
      const observer = new PerformanceObserver((list) => {
        for (const e of list.getEntries()) longest = Math.max(longest, e.duration);
      });
      observer.observe({ type: 'longtask', buffered: false });
      // Each link in its own task, as when a person pastes links one after another.
      const yieldTask = (): Promise<void> =>
        new Promise((resolve) => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => resolve();
          channel.port2.postMessage(0);
        });
      for (const hash of hashes) {
        window.location.hash = hash;
        await yieldTask();
        await yieldTask();
      }
      await new Promise((r) => setTimeout(r, 500));
      observer.disconnect();
      return longest;
    }, links);
    // A figure, not a pass mark (machines are shared): the goal is no task over 200 ms.
    console.log(
      `${LINKS} hostile links in ${Date.now() - started} ms: longest main-thread task ${Math.round(longestTaskMs)} ms`,
    );
    expect(unasked).toEqual([]);
    // The app still works: dismiss whatever the last link left, then a real request goes through.
    const dialog = page.getByRole('alertdialog');
    if (await dialog.isVisible()) await dialog.getByRole('button', { name: `Stay on ${sandboxUrl}` }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'The link could not be opened' });
    if (await alert.isVisible()) await alert.getByRole('button', { name: 'Dismiss' }).click();
    await selectOperation(page, 'GET', '/api/info');
    await requestPane(page).getByRole('button', { name: 'Send', exact: true }).click();
    await expect(responsePane(page).getByRole('status', { name: 'Status' })).toContainText('200');
  });
});
