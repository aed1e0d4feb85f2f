import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// One config for the app build and for Vitest. The dev server's proxy and sandbox are wired in
// scripts/dev.ts, which reuses the explorer server's middleware so dev and production behave alike.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 4000,
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
