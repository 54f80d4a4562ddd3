import { AppError } from '../../../shared/errors';
import type { RateLimits } from '../../../shared/models/connector';
import { cancelledError } from '../connectors/http/clock';
import type { Clock } from '../connectors/http/types';
import { AdaptiveRate, type RateSource } from './adaptive-rate';
import { inFlightFor, LatencyTracker } from './concurrency';
import type { RateSignal } from './rate-headers';
import { RateWindows } from './windows';

/** What a limiter knows, for the connection's panel and the next run. */
export interface RateSnapshot {
  /** Requests per second allowed now; null = unlimited. */
  requestsPerSecond: number | null;
  source: RateSource;
  /** Requests in flight it allows now (Little's law over the observed latency). */
  concurrency: number | null;
  refusals: number;
}

/** What one finished exchange says, fed back by the runtime. */
export interface ExchangeOutcome {
  status?: number;
  latencyMs: number;
  signal?: RateSignal;
}

/**
 * Pacing for one host and credential: a token bucket at an adaptive rate (declared, read from
 * headers or learned from refusals), several windows at once (per second and per day: the strictest
 * wins), a server-imposed pause every waiter respects, and a concurrency gate sized by Little's law
 * (in flight = rate × latency) so that a slow API still gets its allowed rate.
 */
export class HostLimiter {
  private tokens: number;
  private last: number;
  private pausedUntil = 0;
  private active = 0;
  private refusals = 0;
  private readonly queue: (() => void)[] = [];
  private readonly rate: AdaptiveRate;
  private readonly windows: RateWindows;
  private readonly latency = new LatencyTracker();

  constructor(
    private readonly limits: RateLimits | undefined,
    private readonly clock: Clock,
    /** A rate learned by an earlier run for this connection: the starting point instead of "unlimited". */
    learned?: number,
  ) {
    this.tokens = limits?.burst ?? 1;
    this.last = clock.now();
    const declared = limits?.requestsPerSecond;
    this.rate = new AdaptiveRate({
      initial: learned !== undefined && declared !== undefined ? Math.min(learned, declared) : (learned ?? declared),
      max: declared,
      now: () => clock.now(),
    });
    if (learned !== undefined) this.rate.source = 'learned';
    this.windows = new RateWindows(limits?.windows ?? []);
  }

  private maxInFlight(): number {
    const declared = this.limits?.maxConcurrency ?? Infinity;
    return inFlightFor(this.rate.current, this.latency.typicalMs, declared);
  }

  /** Take a concurrency slot; release it with the returned function. */
  async enter(signal?: AbortSignal): Promise<() => void> {
    if (this.active >= this.maxInFlight()) {
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
      this.wakeWaiters();
    };
  }

  /** The gate may have widened (latency or rate changed): let in as many waiters as now fit. */
  private wakeWaiters(): void {
    const max = this.maxInFlight();
    let room = max - this.active;
    while (room-- > 0 && this.queue.length > 0) this.queue.shift()!();
  }

  /**
   * Wait for a token, for every window and for any server-imposed pause. Returns the ms waited. A
   * caller that cannot wait long (an outbox delivery, which reschedules itself) sets `maxPauseMs`: a
   * longer pause fails at once with `rate_limited` and the time left in `details.retryAfterMs`. A
   * window that is spent for longer than an hour (a daily budget) fails with `rate_budget_exhausted`.
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
      const windowWait = this.windows.waitMs(now);
      if (windowWait > 0) {
        if (windowWait > Math.min(maxPauseMs, 3_600_000)) throw budgetExhausted(windowWait);
        await this.clock.sleep(windowWait, signal);
        waited += windowWait;
        continue;
      }
      const rate = this.rate.current;
      if (!Number.isFinite(rate)) return this.took(now, waited);
      const burst = Math.max(1, this.limits?.burst ?? 1);
      this.tokens = Math.min(burst, this.tokens + ((now - this.last) / 1000) * rate);
      this.last = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return this.took(now, waited);
      }
      const ms = Math.max(1, Math.ceil(((1 - this.tokens) / rate) * 1000));
      await this.clock.sleep(ms, signal);
      waited += ms;
    }
  }

  private took(now: number, waited: number): number {
    this.windows.take(now);
    this.rate.sent();
    return waited;
  }

  /** Feed back one exchange: refusals slow the rate, headers set it, latency sizes the gate. */
  observe(o: ExchangeOutcome): void {
    const s = o.signal;
    if (s?.pauseUntil !== undefined) this.pauseUntil(s.pauseUntil);
    if (s?.bucket) this.observeBucket(s.bucket.used, s.bucket.limit);
    if (s?.allowance !== undefined) this.rate.declare(s.allowance);
    if (s?.budgetResetAt !== undefined) this.windows.exhaustUntil(s.budgetResetAt);
    if (o.status === 429 || o.status === 503) {
      this.refusals++;
      this.rate.refused();
    } else if (o.status !== undefined && o.status < 500) {
      if (this.latency.observe(o.latencyMs)) this.rate.refused();
    }
    this.wakeWaiters();
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

  snapshot(): RateSnapshot {
    const rps = this.rate.current;
    const inFlight = this.maxInFlight();
    return {
      requestsPerSecond: Number.isFinite(rps) ? Math.round(rps * 100) / 100 : null,
      source: this.rate.source,
      concurrency: Number.isFinite(inFlight) ? inFlight : null,
      refusals: this.refusals,
    };
  }

  /** The rate worth starting the next run with, when this one learned it (undefined otherwise). */
  get learnedRate(): number | undefined {
    return this.rate.learned;
  }
}

function budgetExhausted(ms: number): AppError {
  const hours = ms / 3_600_000;
  const when = hours >= 1 ? `${Math.round(hours * 10) / 10} h` : `${Math.ceil(ms / 60_000)} min`;
  return new AppError(
    'rate_budget_exhausted',
    `The API's request budget is spent for now (it refills in about ${when}); the run stops here and the next run continues where it stopped.`,
    { retryAfterMs: ms },
  );
}

/**
 * One limiter per host and credential (two connections to the same API have separate quotas; two
 * runtimes of one connection share one), shared by every runtime given the same registry.
 */
export class HostLimiters {
  private readonly byKey = new Map<string, HostLimiter>();
  constructor(
    private readonly clock: Clock,
    /** Rates earlier runs learned, by connection id. */
    private readonly learned: (connectionId: string) => number | undefined = () => undefined,
  ) {}

  for(host: string, limits: RateLimits | undefined, connectionId?: string): HostLimiter {
    const key = `${host}|${connectionId ?? ''}`;
    let limiter = this.byKey.get(key);
    if (!limiter) {
      limiter = new HostLimiter(limits, this.clock, connectionId ? this.learned(connectionId) : undefined);
      this.byKey.set(key, limiter);
    }
    return limiter;
  }

  /** Every limiter's state, keyed `host|connectionId`. */
  snapshots(): Record<string, RateSnapshot & { learned?: number }> {
    const out: Record<string, RateSnapshot & { learned?: number }> = {};
    for (const [k, l] of this.byKey) out[k] = { ...l.snapshot(), ...(l.learnedRate ? { learned: l.learnedRate } : {}) };
    return out;
  }
}
