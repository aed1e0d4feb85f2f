/**
 * `npm run build:node`: bundles the installed command (src/server/bin.ts, with the explorer server
 * and the sandbox) into one ES module, dist-node/rocketchat-api-explorer.mjs, so the published
 * package runs with Node alone: no tsx, Vite or node_modules at run time.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { REPO_ROOT } from './lib/build-if-stale';

export const NODE_BUNDLE = path.join(REPO_ROOT, 'dist-node', 'rocketchat-api-explorer.mjs');

rmSync(path.dirname(NODE_BUNDLE), { recursive: true, force: true });
await build({
  entryPoints: [path.join(REPO_ROOT, 'src/server/bin.ts')],
  outfile: NODE_BUNDLE,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  minifyWhitespace: true,
  legalComments: 'linked',
  logLevel: 'warning',
  // CommonJS dependencies (ajv) call require() for Node built-ins, which an ES module lacks.
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);",
  },
});
