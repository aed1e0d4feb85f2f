import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { checkBuild } from './build-if-stale';

let root: string;
const at = (file: string, seconds: number): void => {
  const t = new Date(1_700_000_000_000 + seconds * 1000);
  utimesSync(path.join(root, file), t, t);
};

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'stale-'));
  mkdirSync(path.join(root, 'src', 'ui', 'deep'), { recursive: true });
  writeFileSync(path.join(root, 'src', 'ui', 'deep', 'a.tsx'), '');
  writeFileSync(path.join(root, 'index.html'), '');
  at('src/ui/deep/a.tsx', 10);
  at('index.html', 10);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

it('is stale without dist/index.html', () => {
  expect(checkBuild(root)).toEqual({ stale: true, reason: 'dist/index.html is missing' });
});

it('is fresh when the build is newer than every input, stale when a nested input changes', () => {
  mkdirSync(path.join(root, 'dist'));
  writeFileSync(path.join(root, 'dist', 'index.html'), '');
  at('dist/index.html', 20);
  expect(checkBuild(root).stale).toBe(false);
  at('src/ui/deep/a.tsx', 30);
  expect(checkBuild(root)).toEqual({ stale: true, reason: 'src/ui changed since the last build' });
});
