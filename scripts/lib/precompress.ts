/**
 * Vite plugin: after the build is written, stores a brotli (`.br`) and a gzip (`.gz`) copy next to
 * every compressible file, so the explorer server sends compressed bytes without compressing on
 * each request (src/server/static-files.ts negotiates which). Maximum compression levels: the cost
 * is paid once per build. Files too small to gain, or whose copy would not be smaller, get none.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/** Text-like files; fonts in woff/woff2, images and source maps (never sent by default) excluded. */
export const COMPRESSIBLE = /\.(html|js|mjs|css|json|svg|txt|ttf|otf|wasm|webmanifest)$/i;
const MIN_BYTES = 1024;

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

/** Writes the siblings for every compressible file under `dir`; returns how many files got them. */
export async function precompressFolder(dir: string): Promise<number> {
  const files = (await filesUnder(dir)).filter((f) => COMPRESSIBLE.test(f));
  let count = 0;
  await Promise.all(
    files.map(async (file) => {
      const data = await readFile(file);
      if (data.length < MIN_BYTES) return;
      const [br, gzipped] = await Promise.all([
        brotli(data, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
            [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
          },
        }),
        gz(data, { level: 9 }),
      ]);
      if (gzipped.length >= data.length) return;
      await writeFile(`${file}.gz`, gzipped);
      if (br.length < gzipped.length) await writeFile(`${file}.br`, br);
      count++;
    }),
  );
  return count;
}

export function precompressPlugin(): Plugin {
  let outDir = 'dist';
  return {
    name: 'rocketchat-explorer-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    // Sequential, after every other plugin wrote its files (workers, copied public/ files).
    closeBundle: {
      order: 'post',
      sequential: true,
      async handler() {
        await precompressFolder(outDir);
      },
    },
  };
}
