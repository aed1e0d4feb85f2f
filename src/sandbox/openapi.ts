// OpenAPI 3.1 description generated from the route table, so it cannot drift from what is served.
import type { RouteSpec } from './framework';
import type { Schema } from './validation';

const errorSchema = {
  type: 'object',
  properties: {
    success: { type: 'boolean', enum: [false] },
    error: { type: 'string' },
    errorType: { type: 'string' },
    details: {},
    status: { type: 'string' },
    message: { type: 'string' },
  },
  required: ['success'],
};

function queryParameters(schema: Schema | undefined): Record<string, unknown>[] {
  if (!schema) return [];
  const branches = (schema.oneOf ?? schema.anyOf) as Schema[] | undefined;
  const parts = branches ?? [schema];
  const props = new Map<string, unknown>();
  const requiredEverywhere = new Set<string>((parts[0]?.required as string[] | undefined) ?? []);
  for (const p of parts) {
    for (const [k, v] of Object.entries((p.properties as Record<string, unknown> | undefined) ?? {}))
      if (!props.has(k)) props.set(k, v);
    const req = new Set((p.required as string[] | undefined) ?? []);
    for (const r of [...requiredEverywhere]) if (!req.has(r)) requiredEverywhere.delete(r);
  }
  return [...props].map(([name, s]) => ({
    name,
    in: 'query',
    required: requiredEverywhere.has(name),
    schema: s,
  }));
}

const json = (schema: unknown, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

export function buildOpenApi(
  routes: readonly RouteSpec[],
  version: string,
  serverUrl: string,
): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const op: Record<string, unknown> = {
      operationId: `${r.method.toLowerCase()}-${r.path.replace(/^\/api\/(v1\/)?/, '')}`,
      summary: r.summary,
      tags: r.tags,
      ...(r.deprecated && { deprecated: true }),
      ...(r.auth ? { security: [{ userId: [], authToken: [] }] } : { security: [] }),
    };
    // Path parameters keep Rocket.Chat's own `:name` spelling in the path, as its docs/json does.
    const pathParams = [...r.path.matchAll(/\/:([^/]+)/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    if (r.method === 'GET') {
      const params = [...pathParams, ...queryParameters(r.validate)];
      if (params.length) op.parameters = params;
    } else {
      if (pathParams.length) op.parameters = pathParams;
      if (r.validate)
        op.requestBody = { required: true, content: { 'application/json': { schema: r.validate } } };
    }
    const responses: Record<string, unknown> = {
      200: json({ type: 'object', properties: { success: { type: 'boolean', enum: [true] } } }, 'Success'),
    };
    responses[400] = json(errorSchema, 'Failure (Meteor.Error or invalid-params)');
    if (r.auth) responses[401] = json(errorSchema, 'Not logged in');
    if (r.permissions) responses[403] = json(errorSchema, 'Missing permission');
    if (r.rateLimit !== false) {
      responses[429] = {
        ...json(errorSchema, 'Rate limited'),
        headers: {
          'X-RateLimit-Limit': { schema: { type: 'integer' } },
          'X-RateLimit-Remaining': { schema: { type: 'integer' } },
          'X-RateLimit-Reset': {
            schema: { type: 'integer' },
            description: 'Epoch milliseconds of the window end',
          },
        },
      };
    }
    op.responses = responses;
    if (r.twoFactor) op['x-2fa-required'] = true;
    (paths[r.path] ??= {})[r.method.toLowerCase()] = op;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Rocket.Chat sandbox REST API',
      version,
      description:
        'The routes the embedded Rocket.Chat-compatible sandbox serves. Authenticate with the X-User-Id and X-Auth-Token headers from /api/v1/login or a personal access token.',
    },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: {
        userId: { type: 'apiKey', in: 'header', name: 'X-User-Id' },
        authToken: { type: 'apiKey', in: 'header', name: 'X-Auth-Token' },
      },
    },
    paths,
  };
}
