import { AppError } from '../../../../shared/errors';
import type { RateLimits } from '../../../../shared/models/connector';
import { cancelledError } from './clock';
import type { Clock } from './types';

/**
 * Per-host token bucket plus a concurrency gate. The bucket refills at `requestsPerSecond` up to
 * `burst`; a server-imposed pause (Retry-After, exhausted RateLimit headers, a nearly full leaky
 * bucket) moves `pausedUntil` forward and every waiter respects it, so no request leaves before
 * the server said it may.
 */
export class HostLimiter {
  private tokens: number;
  private last: number;
  private pausedUntil = 0;
  private active = 0;
  private readonly queue: (() => void)[] = [];

  constructor(
    private readonly limits: RateLimits | undefined,
    private readonly clock: Clock,
  ) {
    this.tokens = limits?.burst ?? 1;
    this.last = clock.now();
  }

  /** Take a concurrency slot; release it with the returned function. */
  async enter(signal?: AbortSignal): Promise<() => void> {
    const max = this.limits?.maxConcurrency ?? Infinity;
    if (this.active >= max) {
      await new Promise<void>((resolve, reject) => {
        const wake = () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        };
        const onAbort = () => {
          const i = this.queue.indexOf(wake);
          if (i >= 0) this.queue.splice(i, 1);
          reject(cancelledError());
        };
        this.queue.push(wake);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    }
    this.active++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active--;
      this.queue.shift()?.();
    };
  }

  /**
   * Wait for a token and for any server-imposed pause to expire. Returns the ms waited. A caller that
   * cannot wait long (an outbox delivery, which reschedules itself) sets `maxPauseMs`: a longer pause
   * fails at once with `rate_limited` and the time left in `details.retryAfterMs`.
   */
  async acquire(signal?: AbortSignal, maxPauseMs = Infinity): Promise<number> {
    let waited = 0;
    for (;;) {
      if (signal?.aborted) throw cancelledError();
      const now = this.clock.now();
      if (now < this.pausedUntil) {
        const ms = this.pausedUntil - now;
        if (ms > maxPauseMs) {
          throw new AppError(
            'rate_limited',
            `The server asked to wait ${Math.ceil(ms / 1000)} s before the next request (Retry-After); try again then.`,
            { retryAfterMs: ms },
          );
        }
        await this.clock.sleep(ms, signal);
        waited += ms;
        continue;
      }
      if (!this.limits) return waited;
      const rate = this.limits.requestsPerSecond;
      this.tokens = Math.min(this.limits.burst, this.tokens + ((now - this.last) / 1000) * rate);
      this.last = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return waited;
      }
      const ms = Math.ceil(((1 - this.tokens) / rate) * 1000);
      await this.clock.sleep(ms, signal);
      waited += ms;
    }
  }

  /** The server asked us to hold off until `until` (ms since epoch). */
  pauseUntil(until: number): void {
    if (until > this.pausedUntil) this.pausedUntil = until;
    // A pause also empties the bucket so the first request after it does not arrive with a burst.
    this.tokens = Math.min(this.tokens, 1);
  }

  /** Leaky bucket (`used/limit`): when nearly full, wait for it to drain below the margin. */
  observeBucket(used: number, limit: number): void {
    const leakPerSecond = this.limits?.requestsPerSecond ?? 1;
    const margin = Math.max(1, Math.ceil(limit * 0.1));
    const over = used - (limit - margin);
    if (over > 0) this.pauseUntil(this.clock.now() + Math.ceil((over / leakPerSecond) * 1000));
  }

  get pausedUntilMs(): number {
    return this.pausedUntil;
  }
}

/** One limiter per host, shared by every runtime given the same registry. */
export class HostLimiters {
  private readonly byHost = new Map<string, HostLimiter>();
  constructor(private readonly clock: Clock) {}

  for(host: string, limits: RateLimits | undefined): HostLimiter {
    let limiter = this.byHost.get(host);
    if (!limiter) {
      limiter = new HostLimiter(limits, this.clock);
      this.byHost.set(host, limiter);
    }
    return limiter;
  }
}
