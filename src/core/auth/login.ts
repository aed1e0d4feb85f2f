/**
 * Bodies for `POST /api/v1/login`, one builder for every variant Rocket.Chat accepts, so the UI
 * can offer each and the tests can prove each.
 *
 * Server behaviour (apps/meteor/app/api/server/ApiClass.ts, `loginCompatibility`):
 * - `{ user: 'name', password }`: a `user` containing `@` is looked up as an e-mail.
 * - `{ username, password }`, `{ email, password }`: rewritten to `{ user: {username|email}, password }`.
 * - `{ user: { username } | { email }, password }`: passed to Meteor's password login as is.
 * - `{ resume: '<token>' }`: logs in with an existing login token.
 * - `code` in the body (or the `x-2fa-code` header) answers a 2FA challenge.
 * Password form: a plain string, or `{ digest: sha256hex(password), algorithm: 'sha-256' }`,
 * the form Meteor's own client sends (its `passwordValidator` requires a 64-character digest).
 * The REST layer also rewrites `{ hashed: ... }`, but it wraps the whole object as the digest, so
 * that form does not pass Meteor's check in current source; the digest form is used instead.
 */
import { sha256Hex } from './hash';

/** How the password travels: as typed (over https), or as its SHA-256 digest. */
export type PasswordEncoding = 'plain' | 'sha-256';

export type HashedPassword = { digest: string; algorithm: 'sha-256' };

export type LoginInput =
  /** `{ user, password }`; `user` may be a username or an e-mail address. */
  | { kind: 'user'; user: string; password: string; encoding?: PasswordEncoding; code?: string }
  /** `{ user: { username } | { email }, password }`. */
  | {
      kind: 'userObject';
      by: 'username' | 'email';
      value: string;
      password: string;
      encoding?: PasswordEncoding;
      code?: string;
    }
  /** `{ username, password }`. */
  | { kind: 'username'; username: string; password: string; encoding?: PasswordEncoding; code?: string }
  /** `{ email, password }`. */
  | { kind: 'email'; email: string; password: string; encoding?: PasswordEncoding; code?: string }
  /** `{ resume }`: an existing login token. */
  | { kind: 'resume'; token: string };

export type LoginBody =
  | {
      user: string | { username: string } | { email: string };
      password: string | HashedPassword;
      code?: string;
    }
  | { username: string; password: string | HashedPassword; code?: string }
  | { email: string; password: string | HashedPassword; code?: string }
  | { resume: string };

/** The password as the chosen encoding sends it. */
export async function encodePassword(
  password: string,
  encoding: PasswordEncoding = 'plain',
): Promise<string | HashedPassword> {
  return encoding === 'sha-256' ? { digest: await sha256Hex(password), algorithm: 'sha-256' } : password;
}

/** Builds the login body for one variant. Async because the digest form hashes with WebCrypto. */
export async function buildLoginBody(input: LoginInput): Promise<LoginBody> {
  if (input.kind === 'resume') return { resume: input.token };
  const password = await encodePassword(input.password, input.encoding);
  const code =
    input.code !== undefined && input.code.trim() !== '' ? { code: normalizeCode(input.code) } : {};
  switch (input.kind) {
    case 'user':
      return { user: input.user.trim(), password, ...code };
    case 'userObject':
      return {
        user: input.by === 'email' ? { email: input.value.trim() } : { username: input.value.trim() },
        password,
        ...code,
      };
    case 'username':
      return { username: input.username.trim(), password, ...code };
    case 'email':
      return { email: input.email.trim(), password, ...code };
  }
}

/** Codes are typed with spaces (`123 456`) by people reading an authenticator app. */
export function normalizeCode(code: string): string {
  return code.replace(/\s+/g, '');
}

export interface LoginSuccess {
  userId: string;
  authToken: string;
  /** The `me` document of the response (username, roles, ...), when present. */
  me: Record<string, unknown> | undefined;
}

/** Reads `{ status: 'success', data: { userId, authToken, me } }`; undefined for anything else. */
export function parseLoginSuccess(body: unknown): LoginSuccess | undefined {
  if (!isRecord(body) || body.status !== 'success' || !isRecord(body.data)) return undefined;
  const { userId, authToken, me } = body.data;
  if (typeof userId !== 'string' || typeof authToken !== 'string' || userId === '' || authToken === '')
    return undefined;
  return { userId, authToken, me: isRecord(me) ? me : undefined };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
