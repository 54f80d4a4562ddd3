import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../../../electron/core/rate-limit/retry-after';

describe('Retry-After', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');
  it('reads delta-seconds (fractions rounded up to the millisecond)', () => {
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('1.5', now)).toBe(1500);
  });
  it('reads an HTTP-date as the time left, never negative', () => {
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Tue, 31 Dec 2024 00:00:00 GMT', now)).toBe(0);
  });
  it('takes the first of repeated headers', () => {
    expect(parseRetryAfter(['3', '9'], now)).toBe(3000);
  });
  it('answers undefined, never NaN, for anything else', () => {
    for (const bad of ['soon', '', '-5', '1e3', 'NaN', undefined, null])
      expect(parseRetryAfter(bad, now)).toBeUndefined();
  });
});
