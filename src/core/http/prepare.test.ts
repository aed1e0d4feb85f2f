import { describe, expect, it } from 'vitest';
import { emptyDraft } from '../request/draft';
import { buildQueryString, displayUrlOf, fillPath, prepareRequest } from './prepare';

describe('fillPath', () => {
  it('fills :id and {id} parameters, encoding each value once', () => {
    expect(fillPath('/api/apps/:id/logs', { id: 'a b/c' })).toBe('/api/apps/a%20b%2Fc/logs');
    expect(fillPath('/api/apps/{id}', { id: 'x' })).toBe('/api/apps/x');
  });
  it('leaves a parameter with no value visible, so the person sees what is missing', () => {
    expect(fillPath('/api/apps/:id', {})).toBe('/api/apps/:id');
  });
});

describe('buildQueryString', () => {
  it('encodes JSON parameters exactly once and compacts valid JSON', () => {
    const qs = buildQueryString({
      params: { count: '5', offset: '' },
      jsonParams: { query: '{ "name": { "$regex": "g" } }', fields: '', sort: '{"name": -1}' },
    });
    expect(qs).toBe(
      '?count=5&query=%7B%22name%22%3A%7B%22%24regex%22%3A%22g%22%7D%7D&sort=%7B%22name%22%3A-1%7D',
    );
    const decoded = new URLSearchParams(qs.slice(1));
    expect(decoded.get('query')).toBe('{"name":{"$regex":"g"}}');
  });
  it('sends query EJSON-stringified: an ISO $date goes out as the epoch-ms form Rocket.Chat writes', () => {
    const qs = buildQueryString({
      params: {},
      jsonParams: {
        query: '{"_updatedAt": {"$gt": {"$date": "2018-11-21T15:27:28.202Z"}}}',
        fields: '',
        sort: '',
      },
    });
    expect(new URLSearchParams(qs.slice(1)).get('query')).toBe(
      '{"_updatedAt":{"$gt":{"$date":1542814048202}}}',
    );
  });
  it('sends invalid JSON exactly as typed so the server error can be explored', () => {
    expect(
      new URLSearchParams(
        buildQueryString({ params: {}, jsonParams: { query: '{bad', fields: '', sort: '' } }),
      ).get('query'),
    ).toBe('{bad');
  });
});

describe('prepareRequest', () => {
  const draft = {
    ...emptyDraft('http://127.0.0.1:4100/', 'GET', '/api/v1/users.list'),
    params: { count: '2' },
  };

  it('goes through the proxy with the target in a header, never in the URL', () => {
    const prepared = prepareRequest(
      draft,
      { kind: 'proxy', proxyPath: '/proxy' },
      { userId: 'u1', authToken: 'secret-token' },
    );
    expect(prepared.fetchUrl).toBe('/proxy/api/v1/users.list?count=2');
    expect(prepared.headers['X-Explorer-Target']).toBe('http://127.0.0.1:4100');
    expect(prepared.headers['X-Auth-Token']).toBe('secret-token');
    expect(prepared.displayUrl).toBe('http://127.0.0.1:4100/api/v1/users.list?count=2');
    expect(prepared.displayUrl).not.toContain('secret-token');
    // The Request URL preview builds the same URL from the URL's parts alone.
    expect(displayUrlOf(draft)).toBe(prepared.displayUrl);
  });

  it('never sends a proxy control header from the draft: only the chosen server is the target', () => {
    const steering = {
      ...draft,
      headers: { 'x-explorer-target': 'http://other.example/x', 'X-EXPLORER-TARGET': 'http://other.example' },
    };
    for (const transport of [{ kind: 'proxy', proxyPath: '/proxy' }, { kind: 'direct' }] as const) {
      const prepared = prepareRequest(steering, transport, { userId: 'u1', authToken: 'secret-token' });
      const control = Object.entries(prepared.headers).filter(
        ([n]) => n.toLowerCase() === 'x-explorer-target',
      );
      expect(control).toEqual(
        transport.kind === 'proxy' ? [['X-Explorer-Target', 'http://127.0.0.1:4100']] : [],
      );
    }
  });

  it('calls the server directly in direct mode and sends no body on GET', () => {
    const prepared = prepareRequest({ ...draft, body: '{"x":1}' }, { kind: 'direct' });
    expect(prepared.fetchUrl).toBe('http://127.0.0.1:4100/api/v1/users.list?count=2');
    expect(prepared.body).toBeUndefined();
    expect(prepared.headers['X-Auth-Token']).toBeUndefined();
  });

  it('sends a JSON body on POST and the 2FA answer as headers', () => {
    const post = { ...emptyDraft('http://h', 'POST', '/api/v1/login'), body: '{"user":"a"}' };
    const prepared = prepareRequest(post, { kind: 'direct' }, undefined, { code: '123456', method: 'totp' });
    expect(prepared.body).toBe('{"user":"a"}');
    expect(prepared.headers['Content-Type']).toBe('application/json');
    expect(prepared.headers['x-2fa-code']).toBe('123456');
    expect(prepared.headers['x-2fa-method']).toBe('totp');
  });
});
