/**
 * Fixed windows counted at once (e.g. 100 per 10 s and 250,000 per day): a request may leave when
 * every window has room, so the strictest one decides. Fixed rather than sliding windows keep a day's
 * window at one counter instead of a quarter-million timestamps.
 */
export interface WindowLimit {
  requests: number;
  perSeconds: number;
}

interface Counter {
  limit: WindowLimit;
  start: number;
  used: number;
}

export class RateWindows {
  private readonly counters: Counter[];
  private exhaustedUntil = 0;

  constructor(limits: readonly WindowLimit[]) {
    this.counters = limits.map((limit) => ({ limit, start: 0, used: 0 }));
  }

  /** ms until every window has room (0 = now). */
  waitMs(now: number): number {
    let wait = Math.max(0, this.exhaustedUntil - now);
    for (const c of this.counters) {
      const span = c.limit.perSeconds * 1000;
      if (now - c.start >= span) {
        c.start = now;
        c.used = 0;
      }
      if (c.used >= c.limit.requests) wait = Math.max(wait, c.start + span - now);
    }
    return wait;
  }

  take(now: number): void {
    for (const c of this.counters) {
      if (now - c.start >= c.limit.perSeconds * 1000) {
        c.start = now;
        c.used = 0;
      }
      c.used++;
    }
  }

  /** The API said its budget is spent until `until` (a daily remaining of 0). */
  exhaustUntil(until: number): void {
    if (until > this.exhaustedUntil) this.exhaustedUntil = until;
  }
}
