// Passwords, login tokens and the second factor (TOTP, password fallback), as Rocket.Chat does them.
import { createHash } from 'node:crypto';
import { createGuardrails, verifySync } from 'otplib';
import { MeteorError } from './errors';
import { randomSecret } from './prng';
import type { Settings } from './settings';
import type { Store } from './store';
import type { LoginToken, UserDoc } from './types';

/** Client-side digest used by Meteor's password protocol: sha256 hex of the plain password. */
export const sha256Hex = (s: string): string => createHash('sha256').update(s).digest('hex');

/** Stored form: sha256 of the digest (stands in for bcrypt, which would make seeding 100k users slow). */
export const storePassword = (plain: string): { sha256: string } => ({ sha256: sha256Hex(sha256Hex(plain)) });

export function checkPasswordDigest(user: UserDoc, digest: string): boolean {
  const stored = user.services.password?.sha256;
  return !!stored && typeof digest === 'string' && sha256Hex(digest.toLowerCase()) === stored;
}

/** Accounts._hashLoginToken: base64 sha256 of the token. */
export const hashLoginToken = (token: string): string => createHash('sha256').update(token).digest('base64');

export function issueLoginToken(store: Store, user: UserDoc, extra: Partial<LoginToken> = {}): string {
  const token = randomSecret();
  const entry: LoginToken = { when: new Date(), hashedToken: hashLoginToken(token), ...extra };
  user.services.resume.loginTokens.push(entry);
  store.tokens.set(entry.hashedToken, user._id);
  return token;
}

export function removeLoginToken(store: Store, user: UserDoc, hashedToken: string): void {
  user.services.resume.loginTokens = user.services.resume.loginTokens.filter(
    (t) => t.hashedToken !== hashedToken,
  );
  store.tokens.delete(hashedToken);
}

/** X-User-Id + X-Auth-Token must both match, like APIClass.authenticatedRoute. */
export function authenticate(
  store: Store,
  userId: string | undefined,
  token: string | undefined,
): { user: UserDoc; hashedToken: string } | null {
  if (!userId || !token) return null;
  const hashedToken = hashLoginToken(token);
  if (store.tokens.get(hashedToken) !== userId) return null;
  const user = store.users.get(userId);
  if (!user || !user.services.resume.loginTokens.some((t) => t.hashedToken === hashedToken)) return null;
  return { user, hashedToken };
}

const guardrails = createGuardrails({ MIN_SECRET_BYTES: 10 });

export function verifyTotp(secret: string, code: string): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  try {
    return verifySync({ secret, token: code, guardrails, epochTolerance: 30 }).valid;
  } catch {
    return false;
  }
}

export interface TwoFactorInput {
  code?: string;
  method?: string;
  /** Hashed login token of the current request (for "remember me" and bypassTwoFactor). */
  hashedToken?: string;
  fingerprint?: string;
  disablePasswordFallback?: boolean;
}

const REMEMBER_MS = 1800 * 1000; // Accounts_TwoFactorAuthentication_RememberFor default

function availableMethods(user: UserDoc): string[] {
  const out: string[] = [];
  if (user.services.totp?.enabled) out.push('totp');
  if (user.services.email2fa?.enabled && user.emails?.some((e) => e.verified)) out.push('email');
  return out;
}

/** checkCodeForUser: throws totp-required / totp-invalid MeteorErrors, returns when satisfied. */
export function checkTwoFactor(settings: Settings, user: UserDoc, input: TwoFactorInput): void {
  if (!settings.bool('Accounts_TwoFactorAuthentication_Enabled')) return;
  const token = input.hashedToken
    ? user.services.resume.loginTokens.find((t) => t.hashedToken === input.hashedToken)
    : undefined;
  if (token) {
    if (token.bypassTwoFactor === true) return;
    if (user.createdAt.getTime() + REMEMBER_MS >= Date.now()) return;
    const until = token.twoFactorAuthorizedUntil;
    if (until && until.getTime() >= Date.now() && token.twoFactorAuthorizedHash === input.fingerprint) return;
  }
  const methods = availableMethods(user);
  let method: string | undefined;
  if (input.method && (input.method === 'totp' || input.method === 'email')) method = input.method;
  else method = methods[0];
  if (!method) {
    const fallback =
      !input.disablePasswordFallback &&
      settings.bool('Accounts_TwoFactorAuthentication_Enforce_Password_Fallback') &&
      !!user.services.password;
    if (!fallback) return;
    method = 'password';
  }
  const details = { method, codeGenerated: false, availableMethods: methods };
  if (!input.code) throw new MeteorError('totp-required', 'TOTP Required', details);
  let valid = false;
  if (method === 'totp')
    valid = !!user.services.totp?.enabled && verifyTotp(user.services.totp.secret, input.code);
  else if (method === 'password') valid = checkPasswordDigest(user, input.code);
  if (!valid) throw new MeteorError('totp-invalid', 'TOTP Invalid', details);
  if (token && input.fingerprint) {
    token.twoFactorAuthorizedUntil = new Date(Date.now() + REMEMBER_MS);
    token.twoFactorAuthorizedHash = input.fingerprint;
  }
}

export function fingerprint(userAgent: string | undefined, ip: string): string {
  return createHash('md5')
    .update(JSON.stringify({ userAgent, clientAddress: ip }))
    .digest('hex');
}
