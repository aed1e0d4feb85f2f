import { describe, expect, it } from 'vitest';
import roomsYaml from './fixtures/rooms-sample.yaml?raw';
import miscJson from './fixtures/misc-sample.json?raw';
import brokenYaml from './fixtures/broken-syntax.yaml?raw';
import brokenJson from './fixtures/broken-syntax.json?raw';
import notOpenApi from './fixtures/not-openapi.yaml?raw';
import { OpenApiError, parseOpenApi } from './openapi';
import { formFields } from './group';
import { findOperation } from './operation';
import { mergeCatalog } from './merge';
import type { Operation } from './types';

function thrown(fn: () => unknown): OpenApiError {
  try {
    fn();
  } catch (e) {
    if (e instanceof OpenApiError) return e;
    throw e;
  }
  throw new Error('expected an OpenApiError');
}

describe('OpenAPI import (YAML, official file shape)', () => {
  const doc = parseOpenApi(roomsYaml, 'rooms-sample.yaml');
  const get = (label: string): Operation => findOperation(doc.operations, label)!;

  it('reads every operation with full paths and {id} turned into :id', () => {
    expect(doc.title).toBe('Rooms (sample)');
    expect(doc.openapi).toBe('3.0.0');
    expect(doc.operations.map((o) => `${o.method} ${o.path}`).sort()).toEqual([
      'GET /api/apps/:id',
      'GET /api/v1/channels.list',
      'GET /api/v1/channels.roles',
      'GET /api/v1/custom-sounds.list',
      'POST /api/v1/chat.postMessage',
      'POST /api/v1/login',
    ]);
    expect(doc.warnings).toEqual([]);
  });

  it('turns header auth parameters into auth, and other parameters into fields', () => {
    const list = get('GET /api/v1/channels.list');
    expect(list.auth).toBe(true);
    expect(list.paginated).toBe(true);
    expect(list.jsonParams).toEqual(['sort']);
    expect(Object.keys(list.paramsSchema?.properties as object)).toEqual(['count', 'offset', 'sort']);
    expect(list.resultKeys).toEqual(['channels', 'count', 'offset', 'total']);
    expect(list.summary).toBe('List Channels');
    expect(list.description).toContain('view-c-room');
    expect(list.paramDocs?.count).toEqual({ description: 'How many items to return.', example: 50 });
    expect(get('POST /api/v1/login').auth).toBe(false);
  });

  it('makes :id path parameters form fields', () => {
    const app = get('GET /api/apps/:id');
    expect(app.id).toBe('get-api-apps-:id');
    expect(app.pathParams).toEqual(['id']);
    expect(formFields(app)[0]).toMatchObject({
      name: 'id',
      in: 'path',
      required: true,
      description: 'The app ID.',
    });
  });

  it('keeps request body schemas, examples and deprecation', () => {
    const post = get('POST /api/v1/chat.postMessage');
    expect(post.paramsIn).toBe('body');
    expect(post.examples).toEqual({ Simple: { roomId: 'GENERAL', text: 'Hello' } });
    expect(get('GET /api/v1/channels.roles').deprecated).toBe(true);
  });
});

describe('OpenAPI import (JSON)', () => {
  it('reads JSON documents, paths outside /api/v1 and enums', () => {
    const doc = parseOpenApi(miscJson, 'misc-sample.json');
    expect(doc.operations).toHaveLength(3);
    const info = findOperation(doc.operations, 'GET /api/info')!;
    expect(info.auth).toBe(false);
    expect(info.group).toBe('server');
    expect(info.resultKeys).toEqual(['version']);
    const shield = findOperation(doc.operations, 'GET /api/v1/shield.svg')!;
    expect(formFields(shield)[0]).toMatchObject({
      name: 'type',
      kind: 'enum',
      enum: ['online', 'channel', 'user'],
    });
    expect(findOperation(doc.operations, 'GET /api/v1/statistics.list')!.sources).toEqual([
      'import:misc-sample.json',
    ]);
  });
});

describe('broken OpenAPI input', () => {
  it('names the YAML syntax problem and its line', () => {
    const e = thrown(() => parseOpenApi(brokenYaml, 'broken-syntax.yaml'));
    expect(e.message).toMatch(/^broken-syntax\.yaml: not valid YAML: .+ \(at line \d+, column \d+\)$/);
    expect(e.where).toMatch(/^line (8|9|10), column \d+$/);
  });

  it('names the JSON syntax problem and its line', () => {
    const e = thrown(() => parseOpenApi(brokenJson, 'broken-syntax.json'));
    expect(e.message).toMatch(/^broken-syntax\.json: not valid JSON: /);
    expect(e.where).toBe('line 5, column 46'); // the '}' after the trailing comma
  });

  it('refuses a Swagger 2 document, and one without paths, saying where', () => {
    expect(thrown(() => parseOpenApi(notOpenApi, 'old.yaml')).message).toBe(
      'old.yaml: Swagger 2.0 is not supported; convert it to OpenAPI 3 (at /swagger)',
    );
    expect(thrown(() => parseOpenApi('openapi: 3.0.0\ninfo: {title: x}\n', 'np.yaml')).message).toBe(
      'np.yaml: "paths" is missing or not an object (at /paths)',
    );
    expect(thrown(() => parseOpenApi('{"info": {}}', 'nv.json')).where).toBe('/openapi');
  });

  it('skips a malformed operation with a warning and keeps the rest', () => {
    const doc = parseOpenApi(
      JSON.stringify({
        openapi: '3.1.0',
        paths: {
          '/api/v1/a.list': { get: 'oops', post: { responses: {} } },
          '/api/v1/b.list': {
            get: { parameters: [{ $ref: '#/components/parameters/missing' }], responses: {} },
          },
        },
      }),
      'partial.json',
    );
    expect(doc.operations.map((o) => `${o.method} ${o.path}`)).toEqual([
      'POST /api/v1/a.list',
      'GET /api/v1/b.list',
    ]);
    expect(doc.warnings).toEqual([
      { where: '/paths/~1api~1v1~1a.list/get', message: 'operation is not an object; skipped' },
      {
        where: '/paths/~1api~1v1~1b.list/get/parameters/0',
        message: 'unresolved reference #/components/parameters/missing',
      },
    ]);
  });

  it('loses nothing already loaded: a failed import leaves the merged catalog as it was', () => {
    const first = parseOpenApi(roomsYaml, 'rooms-sample.yaml');
    const before = mergeCatalog({ bundled: [], imports: [first] });
    const snapshot = JSON.stringify(before);
    const imports = [first];
    try {
      imports.push(parseOpenApi(brokenYaml, 'broken-syntax.yaml'));
    } catch {
      // reported to the person; state untouched
    }
    expect(imports).toHaveLength(1);
    expect(JSON.stringify(mergeCatalog({ bundled: [], imports }))).toBe(snapshot);
  });
});
