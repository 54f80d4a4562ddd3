import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SCHEDULE_MS,
  MAX_RETRY_AFTER_MS,
  nextDelay,
  parseRetryAfter,
} from '../../../electron/core/webhooks/backoff';

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

  it('parses Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2025-06-01T00:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Sun, 01 Jun 2025 00:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(undefined, now)).toBeNull();
  });
});
