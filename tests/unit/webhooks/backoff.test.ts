import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEDULE_MS, MAX_RETRY_AFTER_MS, nextDelay } from '../../../electron/core/webhooks/backoff';

describe('retry schedule', () => {
  it('spans about a day over ten attempts by default', () => {
    const total = DEFAULT_SCHEDULE_MS.reduce((a, b) => a + b, 0);
    expect(DEFAULT_SCHEDULE_MS).toHaveLength(9);
    expect(total).toBeGreaterThan(20 * 3_600_000);
    expect(total).toBeLessThan(26 * 3_600_000);
  });

  it('applies ±jitter and stops when the schedule is exhausted', () => {
    expect(nextDelay([1000], 1, { jitter: 0.2, random: () => 0 })).toBe(800);
    expect(nextDelay([1000], 1, { jitter: 0.2, random: () => 1 })).toBe(1200);
    expect(nextDelay([1000], 1, { jitter: 0 })).toBe(1000);
    expect(nextDelay([1000], 2)).toBeNull();
  });

  it('lets a longer Retry-After win, capped at a day', () => {
    expect(nextDelay([1000], 1, { jitter: 0, retryAfterMs: 60_000 })).toBe(60_000);
    expect(nextDelay([1000], 1, { jitter: 0, retryAfterMs: 10 })).toBe(1000);
    expect(nextDelay([1000], 1, { jitter: 0, retryAfterMs: 10 * MAX_RETRY_AFTER_MS })).toBe(MAX_RETRY_AFTER_MS);
  });
});
