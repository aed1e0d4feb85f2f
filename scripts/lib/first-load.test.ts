import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { firstLoadFiles } from './first-load';

const dist = mkdtempSync(path.join(tmpdir(), 'first-load-'));
afterAll(() => rmSync(dist, { recursive: true, force: true }));

it('counts the entry, its preloads and stylesheet, and static imports transitively, never dynamic ones', () => {
  mkdirSync(path.join(dist, 'assets'));
  const write = (name: string, text: string): void => writeFileSync(path.join(dist, name), text);
  write(
    'index.html',
    '<script type="module" crossorigin src="/assets/index-a.js"></script>' +
      '<link rel="modulepreload" crossorigin href="/assets/runtime-b.js"><link rel="stylesheet" href="/assets/index-c.css">',
  );
  write(
    'assets/index-a.js',
    'import{r as t}from"./react-d.js";import"./side-e.js";const l=()=>import("./lazy-f.js");',
  );
  write('assets/runtime-b.js', 'export const x=1;');
  write('assets/index-c.css', 'body{color:red}');
  write('assets/react-d.js', 'export*from"./deep-g.js";export const r=1;');
  write('assets/side-e.js', 'console.log(1)');
  write('assets/lazy-f.js', 'x'.repeat(10000));
  write('assets/deep-g.js', 'export const g=2;');
  const files = firstLoadFiles(dist);
  expect(files.map((f) => f.file).sort()).toEqual([
    '/assets/deep-g.js',
    '/assets/index-a.js',
    '/assets/index-c.css',
    '/assets/react-d.js',
    '/assets/runtime-b.js',
    '/assets/side-e.js',
  ]);
  for (const f of files) expect(f.gzip).toBeGreaterThan(0);
});

it('counts a stylesheet written inline in index.html, marked as not fetched', () => {
  const inlineDist = mkdtempSync(path.join(tmpdir(), 'first-load-inline-'));
  try {
    mkdirSync(path.join(inlineDist, 'assets'));
    writeFileSync(
      path.join(inlineDist, 'index.html'),
      '<style>body{color:red}.row{height:24px}</style><script type="module" src="/assets/index-a.js"></script>',
    );
    writeFileSync(path.join(inlineDist, 'assets/index-a.js'), 'export const a=1;');
    const files = firstLoadFiles(inlineDist);
    expect(files.map((f) => [f.file, f.inline ?? false])).toEqual([
      ['index.html <style>', true],
      ['/assets/index-a.js', false],
    ]);
    expect(files[0]?.raw).toBe('body{color:red}.row{height:24px}'.length);
  } finally {
    rmSync(inlineDist, { recursive: true, force: true });
  }
});
