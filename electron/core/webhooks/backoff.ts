/** Default delays between attempts: ten tries spanning about a day (5 s … 12 h, ≈ 22 h 43 min in all). */
export const DEFAULT_SCHEDULE_MS = [
  5_000, 30_000, 120_000, 600_000, 1_800_000, 3_600_000, 10_800_000, 21_600_000, 43_200_000,
];

/** Longest Retry-After we obey; a receiver asking for more gets re-tried then anyway. */
export const MAX_RETRY_AFTER_MS = 24 * 3_600_000;

/**
 * Delay before retry number `failures` (1 = after the first failed attempt), or null when the
 * schedule is exhausted. Jitter (±fraction) spreads a backlog so a recovering target is not hit by
 * every parked delivery in the same second. A Retry-After longer than the schedule's delay wins.
 */
export function nextDelay(
  schedule: readonly number[],
  failures: number,
  opts: { jitter?: number; random?: () => number; retryAfterMs?: number | null } = {},
): number | null {
  const base = schedule[failures - 1];
  if (base === undefined) return null;
  const jitter = opts.jitter ?? 0.2;
  const random = opts.random ?? Math.random;
  const delay = Math.round(base * (1 + (random() * 2 - 1) * jitter));
  const retryAfter = opts.retryAfterMs == null ? 0 : Math.min(opts.retryAfterMs, MAX_RETRY_AFTER_MS);
  return Math.max(delay, retryAfter, 0);
}
