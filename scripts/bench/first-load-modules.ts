/**
 * What the first load is made of: `npx tsx scripts/bench/first-load-modules.ts [top]`.
 *
 * Builds the app into a temporary folder with one extra plugin that records, for every chunk,
 * the modules rolled into it and their rendered code, then lists the modules of the chunks the
 * browser needs before the first paint (scripts/lib/first-load.ts), biggest first, gzip level 9
 * of each module's code before minification, scaled so that each chunk's modules add up to the
 * chunk's real gzip size: an estimate of what each module costs. It answers "what should not be
 * in the first load?" without a visualizer dependency.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Plugin } from 'vite';
import { REPO_ROOT } from '../lib/build-if-stale';
import { firstLoadFiles } from '../lib/first-load';

interface ModuleShare {
  chunk: string;
  module: string;
  gzip: number;
}

const top = Number(process.argv[2] ?? 40);
const outDir = mkdtempSync(path.join(tmpdir(), 'first-load-modules-'));
const shares: ModuleShare[] = [];

const record: Plugin = {
  name: 'record-chunk-modules',
  generateBundle(_options, bundle) {
    for (const [file, chunk] of Object.entries(bundle)) {
      if (chunk.type !== 'chunk') continue;
      for (const [id, info] of Object.entries(chunk.modules)) {
        if (!info.code) continue;
        const module = path.relative(REPO_ROOT, id.replace(/\?.*$/, ''));
        shares.push({ chunk: `/${file}`, module, gzip: gzipSync(info.code, { level: 9 }).length });
      }
    }
  },
};

try {
  await build({
    root: REPO_ROOT,
    logLevel: 'warn',
    plugins: [record],
    build: { outDir, emptyOutDir: true, sourcemap: false },
  });
  const files = firstLoadFiles(outDir);
  const first = new Map(files.map((f) => [f.file, f.gzip]));
  const inFirst = shares.filter((s) => first.has(s.chunk));
  for (const [chunk, real] of first) {
    const modules = inFirst.filter((s) => s.chunk === chunk);
    const summed = modules.reduce((sum, s) => sum + s.gzip, 0);
    for (const s of modules) s.gzip = (s.gzip * real) / summed;
  }
  // Packages summed, so a library spread over many files shows as one line.
  const byPackage = new Map<string, number>();
  for (const s of inFirst) {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(s.module)?.[1] ?? s.module;
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + s.gzip);
  }
  const total = files.reduce((sum, f) => sum + f.gzip, 0);
  console.log(
    `First load: ${(total / 1000).toFixed(1)} KB gzip in ${files.length} files, ${inFirst.length} modules`,
  );
  for (const [pkg, gzip] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`  ${(gzip / 1000).toFixed(1).padStart(6)} KB  ${pkg}`);
} finally {
  rmSync(outDir, { recursive: true, force: true });
}
