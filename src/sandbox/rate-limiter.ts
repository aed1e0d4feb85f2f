// Meteor RateLimiter semantics as used by APIClass: one rule per route+method, counters per client
// IP, and a fixed window per rule that restarts on the first call after it expired.

export interface RateLimitCheck {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** ms until the window ends */
  timeToReset: number;
}

interface Rule {
  lastReset: number;
  counters: Map<string, number>;
}

export class RateLimiter {
  private readonly rules = new Map<string, Rule>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Counts one call and reports the state after it (increment then check, like APIClass). */
  hit(routeKey: string, ip: string, limit: number, intervalMs: number): RateLimitCheck {
    const now = this.now();
    let rule = this.rules.get(routeKey);
    if (!rule) this.rules.set(routeKey, (rule = { lastReset: now, counters: new Map() }));
    if (now - rule.lastReset > intervalMs) {
      rule.counters.clear();
      rule.lastReset = now;
    }
    const count = (rule.counters.get(ip) ?? 0) + 1;
    rule.counters.set(ip, count);
    const timeToReset = Math.max(0, intervalMs - (now - rule.lastReset));
    if (count > limit) return { allowed: false, limit, remaining: 0, timeToReset };
    return { allowed: true, limit, remaining: limit - count, timeToReset };
  }
}

export function tooManyRequestsMessage(timeToResetMs: number): string {
  const seconds = Math.ceil(timeToResetMs / 1000);
  return `Error, too many requests. Please slow down. You must wait ${seconds} seconds before trying this endpoint again.`;
}
