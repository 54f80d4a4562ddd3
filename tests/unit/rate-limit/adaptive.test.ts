import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import type { Clock } from '../../../electron/core/connectors/http/types';
import { inFlightFor, LatencyTracker } from '../../../electron/core/rate-limit/concurrency';
import { HostLimiter } from '../../../electron/core/rate-limit/host-limiter';
import { readRateSignal } from '../../../electron/core/rate-limit/rate-headers';

function fakeClock(start = 1_700_000_000_000): Clock & { advance(ms: number): void } {
  let now = start;
  return {
    now: () => now,
    sleep: async (ms) => void (now += ms),
    advance: (ms) => void (now += ms),
  };
}

/** A server that allows `max` requests in any sliding second and answers 429 + Retry-After: 1 above it. */
function slidingServer(max: number) {
  const stamps: number[] = [];
  return (now: number): number => {
    while (stamps.length && stamps[0]! <= now - 1000) stamps.shift();
    if (stamps.length >= max) return 429;
    stamps.push(now);
    return 200;
  };
}

describe('adaptive rate control', () => {
  it('learns an undeclared limit from 429s and then stays just under it', async () => {
    const clock = fakeClock();
    const limiter = new HostLimiter(undefined, clock);
    const server = slidingServer(20);
    const t0 = clock.now();
    let late = 0;
    let lateRefused = 0;
    let lateOk = 0;
    while (clock.now() - t0 < 120_000) {
      await limiter.acquire();
      clock.advance(5); // the exchange itself
      const status = server(clock.now());
      limiter.observe({
        status,
        latencyMs: 5,
        signal: readRateSignal(status === 429 ? { 'retry-after': '1' } : {}, clock.now()),
      });
      if (clock.now() - t0 > 10_000) {
        late++;
        if (status === 429) lateRefused++;
        else lateOk++;
      }
    }
    const achieved = lateOk / 110;
    expect(lateRefused / late).toBeLessThan(0.01);
    expect(achieved / 20).toBeGreaterThan(0.85);
    expect(limiter.snapshot()).toMatchObject({ source: 'learned' });
    expect(limiter.learnedRate).toBeGreaterThan(15);
    expect(limiter.learnedRate).toBeLessThan(21);
  });

  it('never goes above a declared rate, and slows down under it when refused', async () => {
    const clock = fakeClock();
    const limiter = new HostLimiter({ requestsPerSecond: 10, burst: 1, maxConcurrency: 4 }, clock);
    expect(limiter.snapshot().requestsPerSecond).toBe(10);
    for (let i = 0; i < 5; i++) await limiter.acquire();
    limiter.observe({ status: 429, latencyMs: 5 });
    expect(limiter.snapshot().requestsPerSecond).toBeLessThan(10);
    clock.advance(600_000);
    expect(limiter.snapshot().requestsPerSecond).toBeLessThanOrEqual(10);
  });

  it('takes the allowance a response states (HubSpot 100 per 10 s → 10/s)', () => {
    const clock = fakeClock();
    const limiter = new HostLimiter(undefined, clock);
    const signal = readRateSignal(
      { 'x-hubspot-ratelimit-max': '100', 'x-hubspot-ratelimit-interval-milliseconds': '10000' },
      clock.now(),
    );
    expect(signal.allowance).toBe(10);
    limiter.observe({ status: 200, latencyMs: 50, signal });
    expect(limiter.snapshot()).toMatchObject({ requestsPerSecond: 10, source: 'headers' });
    expect(readRateSignal({ 'ratelimit-policy': '100;w=10, 1000;w=3600' }, 0).allowance).toBeCloseTo(0.278, 2);
  });

  it('waits for the strictest of several windows, and a spent daily budget ends with a typed error', async () => {
    const clock = fakeClock();
    const limiter = new HostLimiter(
      {
        requestsPerSecond: 100,
        burst: 100,
        maxConcurrency: 4,
        windows: [
          { requests: 3, perSeconds: 1 },
          { requests: 5, perSeconds: 86_400 },
        ],
      },
      clock,
    );
    for (let i = 0; i < 3; i++) expect(await limiter.acquire()).toBe(0);
    expect(await limiter.acquire()).toBe(1000);
    await limiter.acquire();
    const error = await limiter.acquire().catch((e: unknown) => e);
    expect(AppError.is(error, 'rate_budget_exhausted')).toBe(true);
    expect((error as AppError).details?.retryAfterMs).toBeGreaterThan(3_600_000);
  });

  it("a response saying the day's budget is spent stops the next request", async () => {
    const clock = fakeClock(Date.parse('2026-03-01T22:00:00Z'));
    const limiter = new HostLimiter(undefined, clock);
    const signal = readRateSignal({ 'x-hubspot-ratelimit-daily-remaining': '0' }, clock.now());
    expect(signal.budgetResetAt).toBe(Date.parse('2026-03-02T00:00:00Z'));
    limiter.observe({ status: 200, latencyMs: 10, signal });
    await expect(limiter.acquire()).rejects.toMatchObject({ code: 'rate_budget_exhausted' });
  });
});

describe("latency-proof concurrency (Little's law)", () => {
  it('opens rate × latency requests (with margin), bounded by the declared limit', () => {
    expect(inFlightFor(100, 80, Infinity)).toBe(13);
    expect(inFlightFor(100, 80, 8)).toBe(8);
    expect(inFlightFor(5, 20, 8)).toBe(2);
    expect(inFlightFor(Infinity, 80, 6)).toBe(6);
  });
  it('grows the gate when the API answers slowly', async () => {
    const clock = fakeClock();
    const limiter = new HostLimiter({ requestsPerSecond: 50, burst: 1, maxConcurrency: 64 }, clock);
    for (let i = 0; i < 20; i++) limiter.observe({ status: 200, latencyMs: 10 });
    const fast = limiter.snapshot().concurrency!;
    for (let i = 0; i < 60; i++) limiter.observe({ status: 200, latencyMs: 300 });
    expect(limiter.snapshot().concurrency!).toBeGreaterThan(fast * 5);
  });
  it('reports a latency blow-up once the typical latency is several times its floor', () => {
    const t = new LatencyTracker();
    let blown = false;
    for (let i = 0; i < 20; i++) blown ||= t.observe(80);
    expect(blown).toBe(false);
    for (let i = 0; i < 40; i++) blown ||= t.observe(2000);
    expect(blown).toBe(true);
  });
});
