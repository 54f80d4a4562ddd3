import type { Granularity } from '../../../../shared/models/datasets';

/**
 * Calendar buckets of a local date ("YYYY-MM-DD" already in the dataset's time zone). Weeks are
 * ISO 8601: Monday first, week 1 holds the year's first Thursday, so 2027-01-01 is 2026-W53.
 */
const DAY = 86_400_000;

function parts(date: string): [number, number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

export function isoWeekKey(date: string): string {
  const [y, m, d] = parts(date);
  const t = Date.UTC(y, m - 1, d);
  const weekday = (new Date(t).getUTCDay() + 6) % 7; // Monday = 0
  const thursday = t + (3 - weekday) * DAY;
  const year = new Date(thursday).getUTCFullYear();
  const week = 1 + Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * DAY));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

export function monthKey(date: string): string {
  return date.slice(0, 7);
}

export function bucketKey(date: string, granularity: Granularity): string {
  return granularity === 'day' ? date : granularity === 'week' ? isoWeekKey(date) : monthKey(date);
}

/** Column of the dataset table holding each granularity's key. */
export const BUCKET_COLUMN: Record<Granularity, string> = { day: '_date', week: '_week', month: '_month' };

/** Calendar days from a to b (both "YYYY-MM-DD"). */
export function daysBetween(a: string, b: string): number {
  const [ya, ma, da] = parts(a);
  const [yb, mb, db] = parts(b);
  return Math.round((Date.UTC(yb, mb - 1, db) - Date.UTC(ya, ma - 1, da)) / DAY);
}
