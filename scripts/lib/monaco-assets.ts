/**
 * Which built files are Monaco's, and their gzipped sizes: shared by the Monaco benchmark and the
 * e2e size budget (sizes in bytes are deterministic, so the budget is asserted, not only reported).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** Issue 5's budget: Monaco's chunks total at most 1.1 MB gzipped. */
export const MONACO_BUDGET_BYTES = 1.1 * 1000 * 1000;

/**
 * The lazy editor chunk and its CSS, our language chunk, Monaco's workers (the JSON worker, and the
 * base editor worker should it come back into the build), the codicon font. The response viewer's
 * parse.worker is ours, not Monaco's.
 */
export const MONACO_FILE =
  /^(monaco-entry-.*\.(js|css)|monaco-language-.*\.js|(json|editor)\.worker-.*\.js|codicon-.*\.ttf)$/;

export interface AssetSize {
  name: string;
  raw: number;
  gzip: number;
}

export function gzipSize(data: Buffer): number {
  return gzipSync(data, { level: 9 }).length;
}

/** Monaco's files in `<dist>/assets`, largest (gzipped) first. */
export function monacoAssetSizes(distDir: string): AssetSize[] {
  const dir = path.join(distDir, 'assets');
  return readdirSync(dir)
    .filter((name) => MONACO_FILE.test(name))
    .map((name) => {
      const data = readFileSync(path.join(dir, name));
      return { name, raw: data.length, gzip: gzipSize(data) };
    })
    .sort((a, b) => b.gzip - a.gzip);
}

export function totalGzip(files: readonly AssetSize[]): number {
  return files.reduce((sum, f) => sum + f.gzip, 0);
}
