/**
 * package.json's "sideEffects" lets the bundler leave out modules nobody uses (each UI feature's
 * index.ts re-exports more than the first screen needs). A module that does something when it is
 * loaded (registers Monaco's JSON language, sets self.onmessage, preloads a chunk) must be listed
 * there, or the bundler may drop what it does: Monaco's completion and diagnostics went missing
 * once that way. This test finds such top-level statements and checks the list.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** A statement at the top of a module that is not a declaration, import or export. */
const TOP_LEVEL_EFFECT =
  /^(?:void |self\.|window\.|globalThis\.|document\.|new |if \(|for \(|[A-Za-z_$][\w$.]*\()/m;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !/\.(test|d)\.tsx?$/.test(entry.name))
    .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)));
}

describe('package.json sideEffects', () => {
  const declared = (
    JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { sideEffects: string[] }
  ).sideEffects;

  it('lists every browser module that acts when it is loaded, and nothing that does not', () => {
    const acting = sourceFiles(path.join(ROOT, 'src/ui'))
      .concat(sourceFiles(path.join(ROOT, 'src/core')))
      .filter((file) => TOP_LEVEL_EFFECT.test(readFileSync(path.join(ROOT, file), 'utf8')))
      .map((file) => `./${file}`)
      .sort();
    const listedModules = declared.filter((entry) => !entry.endsWith('.css')).sort();
    expect(acting).toEqual(listedModules);
  });

  it('keeps every stylesheet', () => {
    expect(declared).toEqual(expect.arrayContaining(['*.css', '**/*.css']));
  });
});
