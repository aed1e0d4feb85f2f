import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { bootShellPlugin } from './scripts/lib/boot-shell-plugin.ts';
import { inlineCssPlugin } from './scripts/lib/inline-css-plugin.ts';
import { precompressPlugin } from './scripts/lib/precompress.ts';

// One config for the app build and for Vitest. The dev server's proxy and sandbox are wired in
// scripts/dev.ts, which reuses the explorer server's middleware so dev and production behave alike.
export default defineConfig({
  // The boot shell: the catalog's first rows as HTML in index.html, on screen before any script runs,
  // with the entry's stylesheet inline so nothing holds their first paint.
  plugins: [react(), bootShellPlugin(), inlineCssPlugin(), precompressPlugin()],
  build: {
    outDir: 'dist',
    target: 'es2022',
    // Maps are written but not linked from the files: the server serves them only with
    // --source-maps, and then names them in a SourceMap header.
    sourcemap: 'hidden',
    chunkSizeWarningLimit: 4000,
    // The per-chunk size table is measured properly by `npm run bench`; `npm start` stays quiet.
    reportCompressedSize: false,
    // Rolldown's timing report would blame the precompression step, which is slow on purpose.
    rolldownOptions: {
      checks: { bundlerTimings: false },
      // Everything the entry imports statically goes in one chunk: the first screen was 14 files,
      // 12 of them under 8 KB, each a request before the app could start (6 at a time over HTTP/1.1,
      // as the explorer server speaks). Lazy chunks still load on demand and import from this one.
      output: { codeSplitting: { groups: [{ name: 'first-screen', tags: ['$initial'] }] } },
    },
  },
  worker: { format: 'es' },
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['scripts/lib/fast-check-seed.ts'],
    setupFiles: ['scripts/lib/fast-check-setup.ts'],
    testTimeout: 20000,
    hookTimeout: 60000,
  },
});
