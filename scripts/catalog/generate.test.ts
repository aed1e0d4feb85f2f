import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCatalog, OUTPUT_DIR, OUTPUT_FILE } from './generate';
import { buildValidatorModules } from './standalone';
import { restTypingsDir } from './typings';
import type { GeneratedCatalog, GeneratedOperation } from '../../src/core/catalog/types';

/**
 * Counts the operations of `Endpoints` independently of the generator: a mapped type turns every
 * (path, method) pair into a string literal, `${path} ${method}`, and the checker evaluates the
 * union. No property walking, no signatures: TypeScript's own type evaluation does the counting.
 */
function countWithTypeEvaluation(): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rc-count-'));
  const file = path.join(dir, 'count.ts');
  const entry = path.join(restTypingsDir(), 'dist', 'index').split(path.sep).join('/');
  fs.writeFileSync(
    file,
    `import type { Endpoints } from '${entry}';\n` +
      'export type Pairs = { [P in keyof Endpoints]: `${P & string} ${keyof Endpoints[P] & string}` }[keyof Endpoints];\n',
  );
  try {
    const program = ts.createProgram([file], {
      noEmit: true,
      skipLibCheck: true,
      strict: true,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      target: ts.ScriptTarget.ES2022,
      types: [],
    });
    const checker = program.getTypeChecker();
    const alias = program.getSourceFile(file)!.statements.find(ts.isTypeAliasDeclaration)!;
    const union = checker.getTypeAtLocation(alias.name);
    if (!union.isUnion()) throw new Error('expected a union of operations');
    return union.types.map((t) => (t as ts.StringLiteralType).value);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

let catalog: GeneratedCatalog;
let text: string;
const op = (method: string, p: string): GeneratedOperation => {
  const found = catalog.operations.find((o) => o.method === method && o.path === p);
  if (!found) throw new Error(`missing ${method} ${p}`);
  return found;
};
const schemaOf = (o: GeneratedOperation) => catalog.schemas[o.schema!] as Record<string, unknown>;

beforeAll(async () => {
  ({ catalog, text } = await buildCatalog());
}, 60000);

describe('catalog generator', () => {
  it('holds exactly the operations of the package Endpoints interface', () => {
    const pairs = countWithTypeEvaluation();
    expect(catalog.count).toBe(pairs.length);
    expect(catalog.operations).toHaveLength(pairs.length);
    const fromTypes = new Set(
      pairs.map((s) => {
        const [key, method] = s.split(' ');
        return `${method} ${key!.startsWith('/hooks/') ? key : `/api${key}`}`;
      }),
    );
    expect(new Set(catalog.operations.map((o) => `${o.method} ${o.path}`))).toEqual(fromTypes);
    const byMethod: Record<string, number> = {};
    for (const o of catalog.operations) byMethod[o.method] = (byMethod[o.method] ?? 0) + 1;
    // rest-typings 8.8.1; the shared reference's "about 558 (GET 276, POST 261)" is an estimate.
    expect(byMethod).toEqual({ GET: 284, POST: 264, DELETE: 15, PUT: 6 });
    expect(catalog.operations.filter((o) => o.path.startsWith('/api/apps')).length).toBe(39);
  }, 90_000); // evaluates the Endpoints types with the TypeScript checker: slow on a busy machine

  it('is committed up to date (run `npm run catalog` when this fails)', () => {
    expect(fs.readFileSync(OUTPUT_FILE, 'utf8')).toBe(text);
  });

  it('has its precompiled ajv validators committed up to date (run `npm run catalog` when this fails)', () => {
    const files = buildValidatorModules(catalog, OUTPUT_DIR);
    expect(files.map((f) => path.basename(f.file)).sort()).toEqual([
      'validators-body.d.ts',
      'validators-body.js',
      'validators-query.d.ts',
      'validators-query.js',
    ]);
    for (const f of files) expect(fs.readFileSync(f.file, 'utf8'), path.basename(f.file)).toBe(f.text);
  }, 90_000);

  it('stays within the size budget (60 KB gzipped)', async () => {
    const { gzipSync } = await import('node:zlib');
    expect(gzipSync(text, { level: 9 }).length).toBeLessThan(60 * 1024);
  });

  it('maps typings keys to served paths', () => {
    expect(op('GET', '/api/v1/channels.list').group).toBe('channels');
    expect(op('GET', '/api/apps/:id').group).toBe('apps');
    expect(op('GET', '/api/info')).toMatchObject({ group: 'server', auth: false });
    expect(op('POST', '/hooks/add/:integrationId/:token').group).toBe('hooks');
  });

  it('channels.list: validator schema with count/offset/sort/query/fields, paginated, Mongo-style JSON params', () => {
    const o = op('GET', '/api/v1/channels.list');
    expect(o.src).toBe('v');
    expect(o.paginated).toBe(true);
    expect(Object.keys(schemaOf(o).properties as object)).toEqual(
      expect.arrayContaining(['count', 'offset', 'sort', 'query', 'fields']),
    );
    expect(o.jsonParams).toEqual(['query', 'fields', 'sort']);
    expect(o.resultKeys).toEqual(['channels', 'count', 'offset', 'total']);
    expect(o.itemModel).toEqual({ key: 'channels', type: 'IRoom', array: true });
    expect(o.auth).toBeUndefined(); // needs auth
  });

  it('groups.list: an empty validator ({}) does not hide the paginated params its type names', () => {
    for (const path of ['/api/v1/groups.list', '/api/v1/groups.listAll']) {
      const o = op('GET', path);
      expect(o.paginated).toBe(true);
      expect(Object.keys(schemaOf(o).properties as object)).toEqual(
        expect.arrayContaining(['count', 'offset', 'sort']),
      );
    }
  });

  it('chat.postMessage: POST body schema from the validator, roomId or channel', () => {
    const o = op('POST', '/api/v1/chat.postMessage');
    expect(o.src).toBe('v');
    const alts = (schemaOf(o).oneOf ?? schemaOf(o).anyOf) as {
      required?: string[];
      properties: Record<string, unknown>;
    }[];
    expect(alts.map((a) => a.required?.[0]).sort()).toEqual(['channel', 'roomId']);
    expect(alts[0]!.properties).toHaveProperty('text');
  });

  it('users.info needs userId or username (alternatives in the schema)', () => {
    const alts = schemaOf(op('GET', '/api/v1/users.info')).anyOf as { required: string[] }[];
    const required = alts.map((a) => a.required).flat();
    expect(required).toEqual(expect.arrayContaining(['userId', 'username']));
  });

  it('derives schemas from types when no validator exists, and names result models', () => {
    const members = op('GET', '/api/v1/channels.members');
    expect(members.src).toBe('t');
    expect(members.paginated).toBe(true);
    expect(JSON.stringify(schemaOf(members))).toContain('"required":["roomId"]');
    expect(op('GET', '/api/v1/users.list').itemModel).toEqual({ key: 'users', type: 'IUser', array: true });
    expect(catalog.models.IUser).toEqual(expect.arrayContaining(['_id', 'username', 'roles']));
  });

  it('marks the known public operations and no others of the sample', () => {
    expect(op('POST', '/api/v1/login').auth).toBe(false);
    expect(op('GET', '/api/v1/settings.public').auth).toBe(false);
    expect(op('GET', '/api/v1/users.list').auth).toBeUndefined();
    expect(op('GET', '/api/v1/me').auth).toBeUndefined();
  });

  it('follows the server routes checked for authentication (livechat visitor side vs agent side)', () => {
    // public in the Rocket.Chat 8.x route definitions
    for (const [m, p] of [
      ['POST', '/api/v1/validateInviteToken'],
      ['POST', '/api/v1/twoFactorChallenges.verifyChallenge'],
      ['POST', '/api/v1/livechat/visitor.status'],
      ['POST', '/api/v1/livechat/visitor/department.transfer'],
      ['GET', '/api/v1/livechat/visitor/:token'],
      ['POST', '/api/v1/livechat/sms-incoming/:service'],
      ['POST', '/api/v1/livechat/triggers/:_id/external-service/call'],
      ['POST', '/api/v1/livechat/transcript'],
    ] as const)
      expect(op(m, p).auth, `${m} ${p}`).toBe(false);
    // authRequired: true there
    for (const [m, p] of [
      ['POST', '/api/v1/livechat/messages'],
      ['GET', '/api/v1/livechat/visitor/:token/room'],
      ['POST', '/api/v1/livechat/transcript/:rid'],
      ['POST', '/api/v1/mailer.unsubscribe'],
      ['GET', '/api/v1/users.checkUsernameAvailability'],
    ] as const)
      expect(op(m, p).auth, `${m} ${p}`).toBeUndefined();
  });

  it('maps every validator-backed operation to a validator of its own parameter type', () => {
    const withValidator = catalog.operations.filter((o) => o.src === 'v').length;
    expect(withValidator).toBeGreaterThan(350);
  });
});
