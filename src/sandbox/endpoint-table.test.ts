import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { endpointTable, withEndpointTable } from './endpoint-table';
import type { RouteSpec } from './framework';
import { allRoutes } from './routes';

const DOC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/sandbox.md');

describe('docs/sandbox.md endpoint table', () => {
  it('is current with the route table (run `npm run docs` after changing routes)', () => {
    const doc = readFileSync(DOC, 'utf8');
    expect(doc).toBe(withEndpointTable(doc, allRoutes()));
  });

  it('lists every route once, with its auth rule and notes', () => {
    const route = (over: Partial<RouteSpec>): RouteSpec => ({
      method: 'GET',
      path: '/api/x',
      summary: 'X',
      tags: [],
      auth: false,
      handler: () => ({ status: 200, body: {} }) as never,
      ...over,
    });
    const table = endpointTable([
      route({ path: '/api/info', optionalAuth: true, summary: 'Server | version' }),
      route({
        method: 'POST',
        path: '/api/v1/users.generatePersonalAccessToken',
        auth: true,
        twoFactor: true,
      }),
    ]);
    expect(table).toContain('2 routes.');
    expect(table).toContain('| `GET /api/info` | optional | Server \\| version |');
    expect(table).toContain('| `POST /api/v1/users.generatePersonalAccessToken` | yes | X (2FA) |');
  });
});
