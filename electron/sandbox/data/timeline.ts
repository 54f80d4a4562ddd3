/**
 * Timestamps of generated records grow with the index (one record per ~minute from 2022-01-01),
 * so "changed since T" can jump straight to the first candidate index instead of scanning 1M rows.
 * Records written through the API get the real current time, which is always later.
 */
export const T0 = Date.UTC(2022, 0, 1);
export const STEP_MS = 60_000;

export function stampAt(i: number, u: number): number {
  return T0 + i * STEP_MS + Math.floor(u * (STEP_MS - 1000));
}

/** First index whose stamp may be ≥ t, allowing records to be up to `spreadMs` later than stampAt. */
export function firstIndexAtOrAfter(t: number, spreadMs = 0): number {
  return Math.max(0, Math.floor((t - spreadMs - T0) / STEP_MS) - 1);
}

let last = 0;
/** Wall clock, strictly increasing per process, so writes in one millisecond still order. */
export function writeClock(): number {
  const now = Date.now();
  last = now > last ? now : last + 1;
  return last;
}

export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** ISO 8601 with a fixed offset, e.g. 2024-03-14T11:05:00+01:00 (Shopify's shape). */
export function isoWithOffset(ms: number, offsetMin: number): string {
  const local = new Date(ms + offsetMin * 60_000).toISOString().slice(0, 19);
  const sign = offsetMin < 0 ? '-' : '+';
  const a = Math.abs(offsetMin);
  return `${local}${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}
