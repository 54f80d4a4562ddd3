/**
 * Rate limiters. Each answers `{ ok, retryAfterS, headers }`: a refused request does not consume
 * quota, and Retry-After is the whole number of seconds (RFC 9110 delta-seconds, rounded up) after
 * which a request WILL be accepted — tests check clients wait at least that long.
 */
export interface LimitDecision {
  ok: boolean;
  retryAfterS: number;
  /** Headers describing the limit state, added to every answer (e.g. X-HubSpot-RateLimit-*). */
  headers: Record<string, string>;
}

export interface RateLimiter {
  enabled: boolean;
  take(now: number): LimitDecision;
  reset(): void;
  describe(): Record<string, unknown>;
}

/** Sliding window: at most `max` requests in any `windowMs` (HubSpot's "100 per 10 seconds"). */
export class SlidingWindowLimiter implements RateLimiter {
  enabled = true;
  private stamps: number[] = [];
  constructor(
    public max: number,
    public windowMs: number,
    private headerFn: (max: number, remaining: number, windowMs: number) => Record<string, string> = () => ({}),
  ) {}

  take(now: number): LimitDecision {
    const cutoff = now - this.windowMs;
    let drop = 0;
    while (drop < this.stamps.length && this.stamps[drop]! <= cutoff) drop++;
    if (drop) this.stamps.splice(0, drop);
    if (!this.enabled) return { ok: true, retryAfterS: 0, headers: {} };
    if (this.stamps.length >= this.max) {
      const waitMs = this.stamps[0]! + this.windowMs - now;
      return {
        ok: false,
        retryAfterS: Math.max(1, Math.ceil(waitMs / 1000)),
        headers: this.headerFn(this.max, 0, this.windowMs),
      };
    }
    this.stamps.push(now);
    return { ok: true, retryAfterS: 0, headers: this.headerFn(this.max, this.max - this.stamps.length, this.windowMs) };
  }

  /** Requests still allowed in the window ending at `now`. */
  remaining(now: number): number {
    const cutoff = now - this.windowMs;
    return Math.max(0, this.max - this.stamps.filter((t) => t > cutoff).length);
  }

  /** Give back the last request taken (another window refused it, so it must not count here). */
  untake(): void {
    this.stamps.pop();
  }

  reset(): void {
    this.stamps = [];
  }

  describe(): Record<string, unknown> {
    return { kind: 'sliding-window', enabled: this.enabled, max: this.max, windowMs: this.windowMs };
  }
}

/** Leaky bucket (Shopify REST: bucket of 40 calls, leaking 2 per second). */
export class LeakyBucketLimiter implements RateLimiter {
  enabled = true;
  private level = 0;
  private last = 0;
  constructor(
    public size: number,
    public leakPerS: number,
    private headerFn: (level: number, size: number) => Record<string, string> = () => ({}),
  ) {}

  take(now: number): LimitDecision {
    if (this.last) this.level = Math.max(0, this.level - ((now - this.last) / 1000) * this.leakPerS);
    this.last = now;
    if (!this.enabled) return { ok: true, retryAfterS: 0, headers: {} };
    if (this.level + 1 > this.size) {
      const waitMs = ((this.level + 1 - this.size) / this.leakPerS) * 1000;
      return {
        ok: false,
        retryAfterS: Math.max(1, Math.ceil(waitMs / 1000)),
        headers: this.headerFn(Math.ceil(this.level), this.size),
      };
    }
    this.level += 1;
    return { ok: true, retryAfterS: 0, headers: this.headerFn(Math.ceil(this.level), this.size) };
  }

  reset(): void {
    this.level = 0;
    this.last = 0;
  }

  describe(): Record<string, unknown> {
    return { kind: 'leaky-bucket', enabled: this.enabled, size: this.size, leakPerS: this.leakPerS };
  }
}
