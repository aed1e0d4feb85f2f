// Rocket.Chat's "Block multiple failed logins" (Accounts > Login Attempts), as 8.x does it:
// refused logins are remembered per client IP and per username; a login is refused while the
// failures counted in the last "time to unblock" minutes, and since the last successful login of
// that IP / username, reach "attempts until block". There is no lock that expires at a fixed time:
// the count is taken over a sliding window each time, so a blocked client that keeps trying from a
// blocked IP keeps that IP blocked (those attempts count as failures too).
import type { Settings } from './settings';

export type LoginBlock = 'ip' | 'user';

/** What one IP or one username has done, as far as the block needs to know. */
interface Tally {
  /** Times of failures not yet known to be irrelevant, oldest first. */
  failures: number[];
  lastFailure?: number;
  lastSuccess?: number;
}

interface Rule {
  on: string;
  attempts: string;
  minutes: string;
}

const BY_IP: Rule = {
  on: 'Block_Multiple_Failed_Logins_By_Ip',
  attempts: 'Block_Multiple_Failed_Logins_Attempts_Until_Block_By_Ip',
  minutes: 'Block_Multiple_Failed_Logins_Time_To_Unblock_By_Ip_In_Minutes',
};

// The lower-case "by" is Rocket.Chat's own spelling of this setting ID.
const BY_USER: Rule = {
  on: 'Block_Multiple_Failed_Logins_By_User',
  attempts: 'Block_Multiple_Failed_Logins_Attempts_Until_Block_by_User',
  minutes: 'Block_Multiple_Failed_Logins_Time_To_Unblock_By_User_In_Minutes',
};

const ENABLED = 'Block_Multiple_Failed_Logins_Enabled';
const WHITELIST = 'Block_Multiple_Failed_Logins_Ip_Whitelist';

/**
 * Refusals that Rocket.Chat does not remember: a 2FA challenge is not a wrong guess, and counting
 * the user block's own refusals would keep a user blocked for as long as someone keeps trying.
 * (The IP block's refusals are remembered.)
 */
const NOT_COUNTED = new Set(['totp-required', 'error-login-blocked-for-user']);

export const countsAsFailure = (error: unknown): boolean => !NOT_COUNTED.has(String(error));

export class LoginAttempts {
  private readonly byIp = new Map<string, Tally>();
  private readonly byUser = new Map<string, Tally>();

  /** `now` is injectable so tests can pass the unblock window without waiting minutes. */
  constructor(private readonly now: () => number = Date.now) {}

  /**
   * The block that refuses this attempt, IP first like Rocket.Chat's validateLoginAttempt, or null.
   * `username` is the name the client typed, only when it logged in by username; Rocket.Chat does
   * not check the user block for e-mail, resume or code-carrying logins.
   */
  check(settings: Settings, ip: string, username: string | undefined): LoginBlock | null {
    if (!settings.bool(ENABLED)) return null;
    // Split on bare commas and compared exactly: "1.2.3.4, 5.6.7.8" does not list " 5.6.7.8" as 5.6.7.8.
    const whitelisted = settings.string(WHITELIST).split(',').includes(ip);
    if (settings.bool(BY_IP.on) && !whitelisted && this.over(settings, BY_IP, this.byIp.get(ip))) return 'ip';
    if (
      settings.bool(BY_USER.on) &&
      username !== undefined &&
      this.over(settings, BY_USER, this.byUser.get(username))
    )
      return 'user';
    return null;
  }

  /** A refused login. `username` is the account's name if one was found, else the typed name. */
  recordFailure(settings: Settings, ip: string, username: string | undefined): void {
    if (!settings.bool(ENABLED)) return;
    const now = this.now();
    const failed = (t: Tally) => {
      t.failures.push(now);
      t.lastFailure = now;
    };
    this.note(this.byIp, ip, settings, BY_IP, failed);
    if (username !== undefined) this.note(this.byUser, username, settings, BY_USER, failed);
  }

  /** A successful login: failures before it no longer count for this IP or this username. */
  recordSuccess(settings: Settings, ip: string, username: string): void {
    if (!settings.bool(ENABLED)) return;
    const now = this.now();
    this.note(this.byIp, ip, settings, BY_IP, (t) => (t.lastSuccess = now));
    this.note(this.byUser, username, settings, BY_USER, (t) => (t.lastSuccess = now));
  }

  private over(settings: Settings, rule: Rule, tally: Tally | undefined): boolean {
    const attempts = settings.number(rule.attempts);
    // 0 or unset means "misconfigured" to Rocket.Chat, which then never blocks.
    if (!attempts || tally?.lastFailure === undefined) return false;
    const since = this.countFrom(settings, rule, tally);
    const recent = tally.failures.filter((t) => t >= since).length;
    return recent >= attempts;
  }

  /** Failures at or after this time count: the window's start, or the last success if later. */
  private countFrom(settings: Settings, rule: Rule, tally: Tally): number {
    const windowStart = this.now() - settings.number(rule.minutes) * 60_000;
    return tally.lastSuccess === undefined ? windowStart : Math.max(windowStart, tally.lastSuccess);
  }

  private note(
    map: Map<string, Tally>,
    key: string,
    settings: Settings,
    rule: Rule,
    update: (t: Tally) => void,
  ): void {
    let tally = map.get(key);
    if (!tally) map.set(key, (tally = { failures: [] }));
    update(tally);
    // Failures that can no longer be counted are dropped so a long-running sandbox stays small.
    // Settings do not change while the sandbox runs, so the window used here is the one checked.
    const since = this.countFrom(settings, rule, tally);
    if (Number.isNaN(since)) return;
    const keep = tally.failures.findIndex((t) => t >= since);
    tally.failures = keep < 0 ? [] : tally.failures.slice(keep);
  }
}
