// The identity and profile rules Rocket.Chat applies before saving a user: saveUserIdentity's
// username/name checks (reserved words, availability), validateNameChars, and the Accounts_Allow*
// switches of saveUserProfile. Kept apart from users.ts so that file stays one job.
import { MeteorError } from '../errors';
import type { Ctx } from '../framework';
import type { UserDoc } from '../types';

const USERNAME_RE = /^[0-9a-zA-Z-_.]+$/;
/**
 * Accounts_SystemBlockedUsernameList's default. It includes "admin" although the sandbox's own admin
 * has that username (Rocket.Chat's CI admin has another): the list only stops new names.
 */
const SYSTEM_BLOCKED = ['admin', 'administrator', 'system', 'user'];

/** checkUsernameAvailability's first test: the system and admin block lists, "all" and "here". */
export function usernameBlocked(ctx: Ctx, username: string): boolean {
  const lower = username.toLowerCase();
  const blocked = ctx.app.settings
    .string('Accounts_BlockedUsernameList')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  return SYSTEM_BLOCKED.includes(lower) || blocked.includes(lower) || lower === 'all' || lower === 'here';
}

/** validateNameChars: no <, >, / or \, raw or URI-decoded. */
export function validNameChars(name: string): boolean {
  const invalid = /[<>\\/]/;
  if (invalid.test(name)) return false;
  try {
    return !invalid.test(decodeURI(name));
  } catch {
    return false;
  }
}

/** validateUsername + checkUsernameAvailability (blocked lists, all/here, taken by someone else). */
export function usernameUsable(ctx: Ctx, username: string, self?: UserDoc): boolean {
  if (!USERNAME_RE.test(username) || usernameBlocked(ctx, username)) return false;
  const existing = ctx.app.store.findUserByUsername(username);
  return !existing || existing === self;
}

const identityError = (): MeteorError =>
  new MeteorError('error-could-not-save-identity', 'Could not save user identity', {
    method: 'saveUserProfile',
  });

const notAllowed = (code: string, reason: string): MeteorError =>
  new MeteorError(code, reason, { method: 'saveUserProfile' });

/**
 * users.updateOwnBasicInfo's checks before anything is written: the profile switches, then
 * saveUserIdentity (a blank or reserved name, an unusable username: "Could not save user identity").
 */
export function checkOwnProfileChange(ctx: Ctx, user: UserDoc, data: Record<string, unknown>): void {
  const s = ctx.app.settings;
  const name = typeof data.name === 'string' ? data.name : undefined;
  const username = typeof data.username === 'string' ? data.username : undefined;
  if (!s.bool('Accounts_AllowUserProfileChange')) throw notAllowed('error-not-allowed', 'Not allowed');
  if (name !== undefined && name !== user.name && !s.bool('Accounts_AllowRealNameChange'))
    throw notAllowed('error-action-not-allowed', 'Edit user real name is not allowed');
  if (username !== undefined && username !== user.username && !s.bool('Accounts_AllowUsernameChange'))
    throw notAllowed('error-action-not-allowed', 'Edit username is not allowed');
  if (typeof data.statusText === 'string' && !s.bool('Accounts_AllowUserStatusMessageChange'))
    throw notAllowed('error-action-not-allowed', 'Change status is not allowed');
  if (typeof data.email === 'string' && !s.bool('Accounts_AllowEmailChange'))
    throw notAllowed('error-action-not-allowed', 'Edit user email is not allowed');
  if (typeof data.newPassword === 'string' && data.newPassword && !s.bool('Accounts_AllowPasswordChange'))
    throw notAllowed('error-action-not-allowed', 'Edit user password is not allowed');
  if (name !== undefined) {
    const trimmed = name.trim();
    if (!trimmed || SYSTEM_BLOCKED.includes(trimmed.toLowerCase()) || !validNameChars(trimmed))
      throw identityError();
  }
  if (username !== undefined && username !== user.username && !usernameUsable(ctx, username, user))
    throw identityError();
}

const STATUSES = ['online', 'away', 'offline', 'busy'];

/** users.setStatus: the status-message switch, then the status value and the invisible option. */
export function checkStatusChange(ctx: Ctx): void {
  const s = ctx.app.settings;
  const method = { method: 'users.setStatus' };
  if (!s.bool('Accounts_AllowUserStatusMessageChange'))
    throw new MeteorError('error-not-allowed', 'Change status is not allowed', method);
  const status = ctx.body.status;
  if (typeof status !== 'string' || status === '') return;
  if (!STATUSES.includes(status))
    throw new MeteorError(
      'error-invalid-status',
      'Valid status types include online, away, offline, and busy.',
      method,
    );
  if (status === 'offline' && !s.bool('Accounts_AllowInvisibleStatusOption'))
    throw new MeteorError('error-status-not-allowed', 'Invisible status is disabled', method);
}

/** saveUser's size limits (MAX_NICKNAME_LENGTH, MAX_BIO_LENGTH), checked before anything is written. */
export function checkProfileSizes(data: Record<string, unknown>): void {
  const method = { method: 'saveUserProfile' };
  if (typeof data.nickname === 'string' && data.nickname.length > 120)
    throw new MeteorError('error-nickname-size-exceeded', 'Nickname size exceeds 120 characters', method);
  if (typeof data.bio === 'string' && data.bio.length > 260)
    throw new MeteorError('error-bio-size-exceeded', 'Bio size exceeds 260 characters', method);
}
