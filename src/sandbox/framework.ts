// Route table types. Every route is declared once here-shaped; the dispatcher (app.ts) and the
// OpenAPI generator (openapi.ts) both read the same table.
import type { IncomingHttpHeaders } from 'node:http';
import type { ValidateFunction } from 'ajv';
import type { ApiResult } from './errors';
import type { LoginAttempts } from './login-attempts';
import type { RateLimiter } from './rate-limiter';
import type { Settings } from './settings';
import type { Store } from './store';
import type { UserDoc } from './types';
import type { Schema } from './validation';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface AppState {
  settings: Settings;
  store: Store;
  limiter: RateLimiter;
  /** Failed-login counters behind the login block (not skipped in TEST_MODE: Rocket.Chat keeps it). */
  loginAttempts: LoginAttempts;
  /** TEST_MODE skips the limiter and 2FA like the real server. */
  testMode: boolean;
  version: string;
}

export interface Ctx {
  app: AppState;
  method: HttpMethod;
  path: string;
  query: Record<string, unknown>;
  /** URL parameters of `:name` path segments. */
  params: Record<string, string>;
  body: Record<string, unknown>;
  headers: IncomingHttpHeaders;
  ip: string;
  user?: UserDoc;
  userId?: string;
  hashedToken?: string;
  /** Extra headers to send with the response (x-deprecation-*, ...). */
  resHeaders: Record<string, string>;
}

export interface RateLimitSpec {
  calls: (s: Settings) => number;
  intervalMs: (s: Settings) => number;
}

export interface RouteSpec {
  method: HttpMethod;
  /** Full path, e.g. /api/v1/channels.list */
  path: string;
  summary: string;
  tags: string[];
  /** authRequired: 401 before anything else. */
  auth: boolean;
  /** Resolve the user when credentials are sent, without requiring them (e.g. /api/info). */
  optionalAuth?: boolean;
  /** undefined = default limiter; false = none. */
  rateLimit?: RateLimitSpec | false;
  /** GET: query-string schema; other methods: body schema. */
  validate?: Schema;
  /** Documented query parameters for non-validated GETs (OpenAPI only). */
  permissions?: { all?: string[]; any?: string[] };
  twoFactor?: boolean;
  deprecated?: boolean;
  /**
   * A route on the new typed router (API.v1.get/post): permissions are checked before validation,
   * and validation errors use errorType error-invalid-params (query) / invalid-params (body)
   * without the "[code]" suffix.
   */
  typed?: boolean;
  handler: (ctx: Ctx) => ApiResult | Promise<ApiResult>;
}

export interface CompiledRoute extends RouteSpec {
  validator?: ValidateFunction;
  rateKey: string;
}

export const defineRoutes = (routes: RouteSpec[]): RouteSpec[] => routes;
