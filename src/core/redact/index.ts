/**
 * Redaction: the single answer to "what is a secret" for the whole explorer.
 *
 * Permalinks, history, snippets, logs and error reports all call into this module, so a new kind
 * of secret (a new header, a new body field) is taught to every one of them by editing one list.
 *
 * Two output styles exist because two audiences exist:
 * - `mask` (`abcd…wxyz`) is for people looking at their own request ("which token did I send?");
 *   the ends identify the token without letting a shoulder-surfer or a screenshot reuse it.
 * - `placeholder` (`$RC_AUTH_TOKEN`) is for anything that leaves the tab (links, snippets, stored
 *   history): nothing of the secret survives, and the placeholder says what to put back.
 *
 * Pure TypeScript: no DOM and no Node built-ins, so it runs in the browser, the server and tests.
 */
import { visit } from 'jsonc-parser';
import { maskSecret } from './mask';

export { FULL_MASK, MASK_ELLIPSIS, MIN_LENGTH_TO_SHOW_ENDS, maskSecret } from './mask';

/** What replaces a secret. */
export type RedactionStyle = 'mask' | 'placeholder';

/** Placeholders used in links, snippets and history. Shell-variable style so a cURL snippet runs after `export`. */
export const PLACEHOLDERS = {
  userId: '$RC_USER_ID',
  authToken: '$RC_AUTH_TOKEN',
  password: '$RC_PASSWORD',
  twoFactorCode: '$RC_2FA_CODE',
  resumeToken: '$RC_RESUME_TOKEN',
  secret: '$RC_SECRET',
} as const;

const PLACEHOLDER_VALUES = new Set<string>(Object.values(PLACEHOLDERS));

/** True when the value is one of our placeholders (so re-redacting is a no-op and the runner can substitute). */
export function isPlaceholder(value: string): boolean {
  return PLACEHOLDER_VALUES.has(value);
}

// ---------------------------------------------------------------------------------------------
// What is a secret

/** Lower-cases and drops `-`, `_`, `.` and spaces so `X-Auth-Token`, `x_auth_token` and `xAuthToken` compare equal. */
function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[-_.\s]/g, '');
}

/** Auth headers: never stored, never in links; replaced by the placeholder named here. */
const AUTH_HEADERS: Record<string, string> = {
  xuserid: PLACEHOLDERS.userId,
  xauthtoken: PLACEHOLDERS.authToken,
  x2facode: PLACEHOLDERS.twoFactorCode,
  authorization: PLACEHOLDERS.secret,
  proxyauthorization: PLACEHOLDERS.secret,
  cookie: PLACEHOLDERS.secret,
  setcookie: PLACEHOLDERS.secret,
  xvisitortoken: PLACEHOLDERS.secret,
};

/** Exact key names (normalized) that always hold a secret, wherever they appear. */
const SECRET_KEYS: Record<string, string> = {
  ...AUTH_HEADERS,
  password: PLACEHOLDERS.password,
  pass: PLACEHOLDERS.password,
  passwd: PLACEHOLDERS.password,
  ldappass: PLACEHOLDERS.password,
  digest: PLACEHOLDERS.password,
  hashed: PLACEHOLDERS.password,
  resume: PLACEHOLDERS.resumeToken,
  authtoken: PLACEHOLDERS.authToken,
  token: PLACEHOLDERS.authToken,
  logintoken: PLACEHOLDERS.authToken,
  hashedtoken: PLACEHOLDERS.authToken,
  accesstoken: PLACEHOLDERS.secret,
  refreshtoken: PLACEHOLDERS.secret,
  idtoken: PLACEHOLDERS.secret,
  secret: PLACEHOLDERS.secret,
  clientsecret: PLACEHOLDERS.secret,
  apikey: PLACEHOLDERS.secret,
  privatekey: PLACEHOLDERS.secret,
  totp: PLACEHOLDERS.twoFactorCode,
  totpcode: PLACEHOLDERS.twoFactorCode,
  twofactorcode: PLACEHOLDERS.twoFactorCode,
  backupcode: PLACEHOLDERS.twoFactorCode,
};

/**
 * Suffixes that mark a secret in compound names (`newPassword`, `webhookToken`, `oauthSecret`).
 * Anchored at the end on purpose: `tokenName`, `lastTokenPart`, `requirePasswordChange` and
 * `passwordPolicy` describe a secret without holding one, and stay readable.
 */
const SECRET_SUFFIX = /(password|passwd|passphrase|secret|token|apikey|privatekey|credentials?)$/;

/**
 * `code` is a 2FA code in login and 2FA bodies, but an ordinary word elsewhere (a language code,
 * an error code); it is treated as secret only where the path says it is about auth.
 */
const CODE_IS_SECRET_PATH = /login|2fa|totp|twofactor|two-factor|personalaccesstoken|e2e|password/i;

export interface SecretContext {
  /** Request path (template or filled) the body or params belong to; refines context-dependent keys like `code`. */
  path?: string;
}

/** Placeholder for a secret key, or undefined when the key is not a secret. */
export function secretPlaceholderForKey(key: string, context: SecretContext = {}): string | undefined {
  const k = normalizeKey(key);
  const exact = SECRET_KEYS[k];
  if (exact !== undefined) return exact;
  if (k === 'code' && context.path !== undefined && CODE_IS_SECRET_PATH.test(context.path))
    return PLACEHOLDERS.twoFactorCode;
  if (SECRET_SUFFIX.test(k)) return k.includes('pass') ? PLACEHOLDERS.password : PLACEHOLDERS.secret;
  return undefined;
}

/** True when a header, parameter or body key holds a secret. */
export function isSecretKey(key: string, context: SecretContext = {}): boolean {
  return secretPlaceholderForKey(key, context) !== undefined;
}

/** True for the headers that carry Rocket.Chat credentials (`X-User-Id`, `X-Auth-Token`, 2FA, cookies...). */
export function isAuthHeader(name: string): boolean {
  return AUTH_HEADERS[normalizeKey(name)] !== undefined;
}

/**
 * Token-shaped values: Rocket.Chat login and personal access tokens are 43 characters of
 * base64url; JWTs have three dot-separated base64url parts. Object IDs (17 characters) and
 * ordinary words are far from these shapes. Used where the key gives no hint (a header the person
 * named `X-Whatever`, a query parameter), because a pasted token there is still a token.
 */
export function looksLikeToken(value: string): boolean {
  const v = value.trim();
  if (/^[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}$/.test(v)) return true; // JWT
  if (!/^[A-Za-z0-9_\-+/=]{32,512}$/.test(v)) return false;
  // Require the mix of classes a random token has; a long lowercase slug or a hex hash of a file
  // name is not treated as a credential.
  return /[a-z]/.test(v) && /[A-Z]/.test(v) && /[0-9]/.test(v);
}

// ---------------------------------------------------------------------------------------------
// Redacting

export interface RedactOptions extends SecretContext {
  /** `placeholder` (default) for things that leave the tab, `mask` for showing a person their own request. */
  style?: RedactionStyle;
  /**
   * Secrets the caller knows (the tokens and passwords in memory). Every occurrence of each is
   * replaced wherever it appears, whatever key it sits under: the strongest guarantee, since no
   * heuristic can miss a value it was told about.
   */
  knownSecrets?: readonly string[];
}

function replacement(secret: string, placeholder: string, style: RedactionStyle): string {
  return style === 'mask' ? maskSecret(secret) : placeholder;
}

/** Known secrets shorter than this are not scrubbed by substring search: too many false hits. */
const MIN_KNOWN_SECRET_LENGTH = 4;

function usableKnownSecrets(known: readonly string[] | undefined): string[] {
  if (!known) return [];
  // Longest first so a token that contains another known secret is replaced whole.
  return [...new Set(known.filter((s) => s.length >= MIN_KNOWN_SECRET_LENGTH && !isPlaceholder(s)))].sort(
    (a, b) => b.length - a.length,
  );
}

/** Forms a secret can take inside text: as is, URL-encoded, JSON-escaped. */
function secretForms(secret: string): string[] {
  const forms = new Set<string>([secret]);
  forms.add(encodeURIComponent(secret));
  forms.add(JSON.stringify(secret).slice(1, -1));
  forms.add(new URLSearchParams({ x: secret }).toString().slice(2));
  return [...forms].filter((f) => f.length > 0);
}

/**
 * Token-shaped runs inside free text (an error message quoting a token, a stack trace, a log
 * line). Only for text meant for logs and reports: the same scan over a body a person typed
 * could alter data they meant to send.
 */
export function scrubTokenShapes(text: string, style: RedactionStyle = 'placeholder'): string {
  return text.replace(/[A-Za-z0-9_\-+/=]{32,512}/g, (run) =>
    looksLikeToken(run) ? replacement(run, PLACEHOLDERS.secret, style) : run,
  );
}

/** Replaces every occurrence of each known secret in free text (logs, error messages, raw bodies). */
export function scrubKnownSecrets(text: string, options: RedactOptions = {}): string {
  const style = options.style ?? 'placeholder';
  let out = text;
  for (const secret of usableKnownSecrets(options.knownSecrets)) {
    for (const form of secretForms(secret)) {
      if (out.includes(form)) out = out.split(form).join(replacement(secret, PLACEHOLDERS.secret, style));
    }
  }
  return out;
}

/** Redacts one value that sits under `key`. Returns the value unchanged when it is not secret. */
export function redactValue(key: string, value: string, options: RedactOptions = {}): string {
  const style = options.style ?? 'placeholder';
  if (isPlaceholder(value) || value === '') return value;
  const placeholder = secretPlaceholderForKey(key, options);
  if (placeholder !== undefined) return replacement(value, placeholder, style);
  if (looksLikeToken(value)) return replacement(value, PLACEHOLDERS.secret, style);
  return scrubKnownSecrets(value, options);
}

/**
 * Headers with every secret replaced. Auth headers (`X-User-Id`, `X-Auth-Token`, 2FA, cookies,
 * `Authorization`) are always replaced, other headers only when their name or value says secret.
 */
export function redactHeaders(
  headers: Readonly<Record<string, string>>,
  options: RedactOptions = {},
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[name] = redactValue(name, value, options);
  return out;
}

/** Query parameters or any flat string record. */
export function redactRecord(
  record: Readonly<Record<string, string>>,
  options: RedactOptions = {},
): Record<string, string> {
  return redactHeaders(record, options);
}

/**
 * Redacts a JSON body given as editor text, keeping the person's formatting: only the secret
 * string values are replaced, in place. Works on broken or half-typed JSON too (the tolerant
 * jsonc-parser scanner still reports the strings it recognised), so a body that does not parse
 * yet does not leak the password typed into it. Non-string secrets (`"password": 1234`) are
 * replaced by a quoted placeholder. A value whose key is secret but which is an object (a login
 * `password: {digest, algorithm}`) has its string leaves redacted through their own keys
 * (`digest`), so the shape survives.
 */
export function redactJsonText(text: string, options: RedactOptions = {}): string {
  if (text.trim() === '') return text;
  const style = options.style ?? 'placeholder';
  const edits: Array<{ offset: number; length: number; content: string }> = [];
  let pendingKey: string | undefined;
  let depthInSecret = 0; // > 0 while inside an object/array whose key is secret
  let secretParent: string | undefined;
  const handleValue = (raw: string, value: unknown, offset: number, length: number): void => {
    const key = pendingKey;
    pendingKey = undefined;
    const keyForCheck = key ?? (depthInSecret > 0 ? secretParent : undefined);
    const placeholder = keyForCheck !== undefined ? secretPlaceholderForKey(keyForCheck, options) : undefined;
    if (typeof value === 'string') {
      if (isPlaceholder(value) || value === '') return;
      if (placeholder !== undefined) {
        edits.push({ offset, length, content: JSON.stringify(replacement(value, placeholder, style)) });
      } else if (looksLikeToken(value)) {
        edits.push({
          offset,
          length,
          content: JSON.stringify(replacement(value, PLACEHOLDERS.secret, style)),
        });
      }
    } else if (placeholder !== undefined && typeof value === 'number') {
      edits.push({ offset, length, content: JSON.stringify(replacement(raw, placeholder, style)) });
    }
  };
  visit(text, {
    onObjectProperty: (property) => {
      pendingKey = property;
    },
    onObjectBegin: () => {
      if (pendingKey !== undefined && isSecretKey(pendingKey, options)) {
        depthInSecret++;
        secretParent = pendingKey;
      } else if (depthInSecret > 0) depthInSecret++;
      pendingKey = undefined;
    },
    onObjectEnd: () => {
      if (depthInSecret > 0) depthInSecret--;
    },
    onArrayBegin: () => {
      if (pendingKey !== undefined && isSecretKey(pendingKey, options)) {
        depthInSecret++;
        secretParent = pendingKey;
      } else if (depthInSecret > 0) depthInSecret++;
      pendingKey = undefined;
    },
    onArrayEnd: () => {
      if (depthInSecret > 0) depthInSecret--;
    },
    onLiteralValue: (value: unknown, offset: number, length: number) => {
      handleValue(text.slice(offset, offset + length), value, offset, length);
    },
  });
  let out = text;
  for (const edit of edits.sort((a, b) => b.offset - a.offset)) {
    out = out.slice(0, edit.offset) + edit.content + out.slice(edit.offset + edit.length);
  }
  return scrubKnownSecrets(out, options);
}
