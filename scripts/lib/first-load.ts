/**
 * What the browser must fetch before the first paint: the scripts and stylesheets index.html
 * names (module entry, modulepreload, stylesheet), plus every chunk those scripts import
 * statically, transitively, and the stylesheet written inline in index.html. Dynamic import() targets are not counted: they load later. Sizes
 * are gzip level 9 per file, as a server sending the build's .gz would move them.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSize } from './monaco-assets';

/** Issue 14's budget for JS + CSS before first paint. */
export const FIRST_LOAD_BUDGET_BYTES = 120 * 1000;

export interface FirstLoadFile {
  file: string;
  raw: number;
  gzip: number;
  /** Written into index.html (the entry's stylesheet, scripts/lib/inline-css-plugin.ts), not fetched. */
  inline?: boolean;
}

const INLINE_STYLE = /<style>([\s\S]*?)<\/style>/g;

const HTML_ASSET = /<(?:script|link)\b[^>]*?\b(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g;
// Static imports in minified chunks: `import{a as b}from"./x.js"`, `import"./y.js"`, `export*from"./z.js"`.
const STATIC_IMPORT = /(?:^|[;\s}])(?:import|export)\s*(?:[\w*{}\s,$]*?\bfrom\s*)?["'](\.\/[^"']+\.js)["']/g;

export function firstLoadFiles(distDir: string): FirstLoadFile[] {
  const html = readFileSync(path.join(distDir, 'index.html'), 'utf8');
  const seen = new Set<string>();
  const queue = [...html.matchAll(HTML_ASSET)].map((m) => m[1]!);
  const files: FirstLoadFile[] = [...html.matchAll(INLINE_STYLE)].map((m) => {
    const css = Buffer.from(m[1]!, 'utf8');
    return { file: 'index.html <style>', raw: css.length, gzip: gzipSize(css), inline: true };
  });
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const data = readFileSync(path.join(distDir, file));
    files.push({ file, raw: data.length, gzip: gzipSize(data) });
    if (!file.endsWith('.js')) continue;
    for (const m of data.toString('utf8').matchAll(STATIC_IMPORT))
      queue.push(path.posix.join(path.posix.dirname(file), m[1]!));
  }
  return files;
}
