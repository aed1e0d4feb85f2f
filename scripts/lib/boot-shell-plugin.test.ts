import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Operation } from '../../src/core/catalog/types';
import { BUNDLED_CATALOG_JSON, bootOperations, bootShellPlugin, injectBootShell } from './boot-shell-plugin';
import { REPO_ROOT } from './build-if-stale';

const catalogJson = readFileSync(BUNDLED_CATALOG_JSON, 'utf8');
const indexHtml = readFileSync(path.join(REPO_ROOT, 'index.html'), 'utf8');

describe('boot shell plugin', () => {
  it('lists the bundled catalog as the app does before a server answers: every operation once', () => {
    const ops = bootOperations(catalogJson);
    const generated = JSON.parse(catalogJson) as { count: number; operations: unknown[] };
    expect(ops).toHaveLength(generated.operations.length);
    expect(new Set(ops.map((op) => op.id)).size).toBe(ops.length);
    expect(ops.every((op) => op.availability === 'unknown')).toBe(true);
  });

  it("writes the shell into the project's index.html just before #root, and keeps the rest", () => {
    const html = injectBootShell(indexHtml, bootOperations(catalogJson));
    const shell = html.indexOf('<div id="boot-shell"');
    const root = html.indexOf('<div id="root"></div>');
    expect(shell).toBeGreaterThan(html.indexOf('<body>'));
    expect(root).toBeGreaterThan(shell);
    expect(html.match(/id="boot-shell"/g)).toHaveLength(1);
    expect(html.replace(/<div id="boot-shell"[\s\S]*?\n\s*(?=<div id="root">)/, '')).toBe(indexHtml);
    // The page's CSP allows no inline script: the shell brings none.
    expect(html.match(/<script/g)?.length).toBe(indexHtml.match(/<script/g)?.length);
  });

  it('text with `$` patterns is written as it is (no replacement patterns)', () => {
    const op = {
      ...bootOperations(catalogJson)[0]!,
      id: 'get-api-v1-x',
      path: "/api/v1/$&$'$`",
      group: 'g',
    } satisfies Operation;
    const html = injectBootShell(indexHtml, [op]);
    expect(html).toContain('$&amp;$&#39;$`');
  });

  it('fails the build when index.html has no empty #root to put the shell before', () => {
    expect(() => injectBootShell('<body><div id="app"></div></body>', [])).toThrow(/#root|root/);
  });

  it('is a transformIndexHtml hook run before the other plugins', () => {
    const plugin = bootShellPlugin();
    const hook = plugin.transformIndexHtml as { order: string; handler: (html: string) => string };
    expect(hook.order).toBe('pre');
    expect(hook.handler(indexHtml)).toContain('data-boot-rows');
  });
});
