import type { Rejection } from './listener';
import type { Timers } from '../schedule/timers';

const MINUTE = 60_000;

/** Requests refused at one endpoint path in one minute, after the first (which is written at once). */
export interface RejectionSummary {
  path: string;
  /** Start of the minute, epoch ms. */
  minute: number;
  /** Refused after the first one of the minute. */
  total: number;
  byReason: Record<string, number>;
  /** Up to a few distinct sender addresses, to tell one noisy sender from a scan. */
  remoteAddresses: string[];
}

/**
 * Refused webhook requests are logged in aggregate: the first per path and minute at once (the user
 * sees the problem right away), the rest of that minute as one line of counts once it is over.
 * Anyone who can reach the listener can send bad signatures, and the log must not grow with them:
 * 2,000 forged requests in a minute are two lines, not 2,000.
 */
export class RejectionTally {
  private readonly open = new Map<string, RejectionSummary>();
  private timer: unknown = null;

  constructor(
    private readonly scheduler: Timers,
    private readonly write: {
      first(rejection: Rejection): void;
      rest(summary: RejectionSummary): void;
    },
  ) {}

  add(r: Rejection): void {
    const now = this.scheduler.now();
    const minute = now - (now % MINUTE);
    this.flush(minute);
    const key = `${minute} ${r.path}`;
    const s = this.open.get(key);
    if (!s) {
      this.open.set(key, { path: r.path, minute, total: 0, byReason: {}, remoteAddresses: [] });
      return this.safely(() => this.write.first(r));
    }
    s.total++;
    s.byReason[r.reason] = (s.byReason[r.reason] ?? 0) + 1;
    if (r.remoteAddress && s.remoteAddresses.length < 5 && !s.remoteAddresses.includes(r.remoteAddress))
      s.remoteAddresses.push(r.remoteAddress);
    // Written once the minute is over, even if no later request comes to trigger it.
    this.timer ??= this.scheduler.setTimer(
      () => {
        this.timer = null;
        const at = this.scheduler.now();
        this.flush(at - (at % MINUTE));
      },
      minute + MINUTE - now,
    );
  }

  /** Writes every minute that ended before `beforeMinute` (all of them when omitted). */
  flush(beforeMinute = Number.POSITIVE_INFINITY): void {
    for (const [key, s] of this.open) {
      if (s.minute >= beforeMinute) continue;
      this.open.delete(key);
      if (s.total > 0) this.safely(() => this.write.rest(s));
    }
  }

  private safely(write: () => void): void {
    try {
      write();
    } catch {
      // The tally must never break the listener.
    }
  }

  close(): void {
    if (this.timer !== null) this.scheduler.clearTimer(this.timer);
    this.timer = null;
    this.flush();
  }
}

export function describeRejections(s: RejectionSummary): string {
  const reasons = Object.entries(s.byReason)
    .sort((a, b) => b[1] - a[1])
    .map(([reason, n]) => `${reason} ${n}`)
    .join(', ');
  return `Webhook ${s.path}: ${s.total} more request${s.total === 1 ? '' : 's'} refused in the minute from ${new Date(s.minute).toISOString()} (${reasons}).`;
}

export function describeRejection(r: Rejection): string {
  return `Webhook ${r.path} refused (${r.reason}, HTTP ${r.status}): ${r.message}. Further refusals this minute are counted in one line.`;
}
