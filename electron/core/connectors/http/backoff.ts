/**
 * Retry timing. Full jitter (AWS architecture blog, "Exponential Backoff and Jitter"): a uniform
 * wait in [0, min(cap, base·2^n)] spreads retries of many clients instead of synchronising them.
 */
export function fullJitterDelay(attempt: number, baseMs: number, capMs: number, random: () => number): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}
