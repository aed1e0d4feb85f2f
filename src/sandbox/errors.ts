// Response bodies of the real server's APIClass helpers, key order included (JSON bytes match).

export interface ApiResult {
  status: number;
  body: unknown;
  /** Extra response headers (e.g. x-deprecation-*). */
  headers?: Record<string, string>;
  /** Pre-serialized body (hot list routes); sent instead of JSON.stringify(body). */
  raw?: string | Buffer;
}

/** A Meteor.Error: `error` is the code, `reason` the text; `message` is "reason [code]". */
export class MeteorError extends Error {
  constructor(
    readonly error: string,
    readonly reason?: string,
    readonly details?: unknown,
  ) {
    super(reason ? `${reason} [${error}]` : `[${error}]`);
  }
}

export const success = (result: Record<string, unknown> = {}): ApiResult => ({
  status: 200,
  body: { ...result, success: true },
});

/** API.v1.failure(string, errorType?, stack?, {details}) */
export const failure = (error: string, errorType?: string, details?: unknown): ApiResult => {
  const body: Record<string, unknown> = { success: false, error };
  if (errorType) body.errorType = errorType;
  if (details !== undefined && details !== null) body.details = details;
  return { status: 400, body };
};

export const notFound = (msg?: string): ApiResult => ({
  status: 404,
  body: { success: false, error: msg || 'Resource not found' },
});

export const internalError = (): ApiResult => ({
  status: 500,
  body: { success: false, error: 'Internal server error' },
});

export const forbidden = (msg?: string): ApiResult => ({
  status: 403,
  body: { success: false, error: msg || 'unauthorized' },
});

export const tooManyRequests = (msg: string): ApiResult => ({
  status: 429,
  body: { success: false, error: msg },
});

export const LOGGED_IN_MSG = 'You must be logged in to do this.';

/** The 401 of auth-required routes (with the pre-9.0 compatibility fields). */
export const mustBeLoggedIn = (): ApiResult => ({
  status: 401,
  body: { success: false, error: LOGGED_IN_MSG, status: 'error', message: LOGGED_IN_MSG },
});

/** Maps a thrown MeteorError the way addRoute's catch block does. */
export function fromMeteorError(e: MeteorError): ApiResult {
  switch (e.error) {
    case 'error-too-many-requests':
      return tooManyRequests(e.message);
    case 'unauthorized':
    case 'error-unauthorized':
      return forbidden(e.message);
    default:
      return failure(e.message, e.error, e.details);
  }
}

export const permissionError = (permissions?: unknown): MeteorError =>
  new MeteorError(
    'error-unauthorized',
    'User does not have the permissions required for this action',
    permissions ? { permissions } : undefined,
  );

/**
 * An error the database would report for a bad caller-supplied query/projection; the real server's
 * catch-all turns it into a 400 failure carrying just the message.
 */
export class QueryError extends Error {}

/**
 * A plain `Error` thrown inside a real route (e.g. sendMessage's "Not enough permission", a Match
 * error): the route's catch answers failure(message) with no errorType. Caught like QueryError.
 */
export class PlainError extends QueryError {}
