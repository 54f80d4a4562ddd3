import { SlidingWindowLimiter } from '../common/rate-limit';

export interface TenantLimits {
  perMinute: number;
  perDay: number;
}

export const XERO_LIMITS: TenantLimits = { perMinute: 60, perDay: 5000 };

export type TenantDecision =
  | { ok: true; headers: Record<string, string> }
  | { ok: false; problem: 'minute' | 'day'; retryAfterS: number; headers: Record<string, string> };

/**
 * Xero's limits count per organisation (tenant), not per host: 60 calls in any minute and 5,000 a day.
 * Every answer says what is left (`X-MinLimit-Remaining`, `X-DayLimit-Remaining`); a refusal says which
 * window was hit (`X-Rate-Limit-Problem`). A refused call uses no quota.
 */
export class TenantLimiter {
  enabled = true;
  private readonly windows = new Map<string, { minute: SlidingWindowLimiter; day: SlidingWindowLimiter }>();

  constructor(readonly limits: TenantLimits = XERO_LIMITS) {}

  take(tenant: string, now: number): TenantDecision {
    if (!this.enabled) return { ok: true, headers: {} };
    let w = this.windows.get(tenant);
    if (!w) {
      w = {
        minute: new SlidingWindowLimiter(this.limits.perMinute, 60_000),
        day: new SlidingWindowLimiter(this.limits.perDay, 86_400_000),
      };
      this.windows.set(tenant, w);
    }
    const day = w.day.take(now);
    if (!day.ok) return { ok: false, problem: 'day', retryAfterS: day.retryAfterS, headers: this.left(w, now) };
    const minute = w.minute.take(now);
    if (!minute.ok) {
      w.day.untake();
      return { ok: false, problem: 'minute', retryAfterS: minute.retryAfterS, headers: this.left(w, now) };
    }
    return { ok: true, headers: this.left(w, now) };
  }

  private left(w: { minute: SlidingWindowLimiter; day: SlidingWindowLimiter }, now: number): Record<string, string> {
    return {
      'X-MinLimit-Remaining': String(w.minute.remaining(now)),
      'X-DayLimit-Remaining': String(w.day.remaining(now)),
    };
  }

  reset(): void {
    this.windows.clear();
  }

  describe(): Record<string, unknown> {
    return { kind: 'per-tenant', enabled: this.enabled, ...this.limits, tenants: this.windows.size };
  }
}
