/**
 * Two-factor challenges and answers.
 *
 * The server (apps/meteor/app/2fa/server/code/index.ts, `checkCodeForUser`) throws
 * `totp-required` when no code came, `totp-invalid` for a wrong one, `totp-max-attempts` when the
 * method locks (e-mail codes), each with `details: { method, availableMethods, ...}`
 * (`codeGenerated`, `emailOrUsername` for e-mail). How it reaches HTTP differs by endpoint:
 * - at login: **401** with `error: 'totp-required'` (the code is the body's `error`);
 * - elsewhere: **400** with `errorType: 'totp-required'` and `error: 'TOTP Required [totp-required]'`.
 * The answer is the same everywhere: headers `x-2fa-code` and `x-2fa-method`.
 */
import { sha256Hex } from './hash';
import { isRecord, normalizeCode } from './login';

export type TwoFactorMethod = 'totp' | 'email' | 'password' | (string & {});

export type TwoFactorErrorKind = 'required' | 'invalid' | 'max-attempts';

export interface TwoFactorChallenge {
  kind: TwoFactorErrorKind;
  /** The method the server picked for this challenge. */
  method: TwoFactorMethod;
  /** Methods the user has enabled (the UI may offer to switch). */
  availableMethods: TwoFactorMethod[];
  /** True when the server just e-mailed a code. */
  codeGenerated: boolean;
  /** For e-mail codes: where the code went, as the server reports it. */
  emailOrUsername: string | undefined;
  /** True when it came from the login endpoint (401), false from any other (400). */
  atLogin: boolean;
  /** What the UI shows to ask for the code. */
  prompt: string;
}

const CODES: Record<string, TwoFactorErrorKind> = {
  'totp-required': 'required',
  'totp-invalid': 'invalid',
  'totp-max-attempts': 'max-attempts',
};

function codeOf(body: Record<string, unknown>): string | undefined {
  if (typeof body.errorType === 'string' && CODES[body.errorType]) return body.errorType;
  if (typeof body.error === 'string') {
    if (CODES[body.error]) return body.error;
    const bracket = /\[(totp-[a-z-]+)\]\s*$/.exec(body.error);
    if (bracket?.[1] && CODES[bracket[1]]) return bracket[1];
  }
  return undefined;
}

function promptFor(kind: TwoFactorErrorKind, method: string, emailOrUsername: string | undefined): string {
  const ask =
    method === 'totp'
      ? 'Enter the 6-digit code from your authenticator app.'
      : method === 'email'
        ? `Enter the code e-mailed${emailOrUsername ? ` to ${emailOrUsername}` : ''}.`
        : method === 'password'
          ? 'Enter your password again to confirm (it is sent as its SHA-256 hash).'
          : `Enter the ${method} code.`;
  if (kind === 'invalid') return `That code was not accepted. ${ask}`;
  if (kind === 'max-attempts')
    return `Too many wrong codes for ${method}; request a new code or use another method.`;
  return `This action needs two-factor authentication. ${ask}`;
}

/**
 * Recognises a 2FA challenge in a response; undefined when the response is not one. Accepts the
 * 401 login form and the 400 form of other endpoints; any other status is not a challenge.
 */
export function parseTwoFactorChallenge(status: number, body: unknown): TwoFactorChallenge | undefined {
  if ((status !== 400 && status !== 401) || !isRecord(body)) return undefined;
  const code = codeOf(body);
  if (code === undefined) return undefined;
  const kind = CODES[code] as TwoFactorErrorKind;
  const details = isRecord(body.details) ? body.details : {};
  const method = typeof details.method === 'string' ? details.method : 'totp';
  const availableMethods = Array.isArray(details.availableMethods)
    ? details.availableMethods.filter((m): m is string => typeof m === 'string')
    : [];
  const emailOrUsername = typeof details.emailOrUsername === 'string' ? details.emailOrUsername : undefined;
  return {
    kind,
    method,
    availableMethods,
    codeGenerated: details.codeGenerated === true,
    emailOrUsername,
    atLogin: status === 401,
    prompt: promptFor(kind, method, emailOrUsername),
  };
}

export interface TwoFactorHeaders {
  'x-2fa-code': string;
  'x-2fa-method': string;
}

/**
 * Headers answering a challenge. For the `password` method the person types their password and
 * the header carries its SHA-256 hex digest, which the server checks as a Meteor password digest;
 * for `totp` and `email` the code as typed, spaces removed.
 */
export async function buildTwoFactorHeaders(
  method: TwoFactorMethod,
  codeOrPassword: string,
): Promise<TwoFactorHeaders> {
  const code = method === 'password' ? await sha256Hex(codeOrPassword) : normalizeCode(codeOrPassword);
  return { 'x-2fa-code': code, 'x-2fa-method': method };
}
