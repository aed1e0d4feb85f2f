/** `npm run docs`: regenerates the sandbox's endpoint table in docs/sandbox.md from its routes. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { withEndpointTable } from '../../src/sandbox/endpoint-table';
import { allRoutes } from '../../src/sandbox/routes';
import { REPO_ROOT } from '../lib/build-if-stale';

const file = path.join(REPO_ROOT, 'docs', 'sandbox.md');
writeFileSync(file, withEndpointTable(readFileSync(file, 'utf8'), allRoutes()));
console.log(`Updated ${path.relative(REPO_ROOT, file)}`);
