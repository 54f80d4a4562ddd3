/**
 * TARGET2 business days, the days the ECB publishes reference rates: Monday–Friday except
 * New Year's Day, Good Friday, Easter Monday, 1 May, 25 and 26 December. Dates are 'YYYY-MM-DD' (UTC).
 */
const DAY = 86_400_000;

export function easterSunday(year: number): number {
  // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return Date.UTC(year, month - 1, day);
}

export const toDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
export const fromDay = (d: string): number => Date.parse(`${d}T00:00:00Z`);

export function isTargetHoliday(day: string): boolean {
  const md = day.slice(5);
  if (md === '01-01' || md === '05-01' || md === '12-25' || md === '12-26') return true;
  const easter = easterSunday(Number(day.slice(0, 4)));
  const t = fromDay(day);
  return t === easter - 2 * DAY || t === easter + DAY;
}

export function isBusinessDay(day: string): boolean {
  const dow = new Date(fromDay(day)).getUTCDay();
  return dow !== 0 && dow !== 6 && !isTargetHoliday(day);
}

/** The latest business day on or before `day` — the rate ECB users apply for a day without one. */
export function businessDayOnOrBefore(day: string): string {
  let t = fromDay(day);
  while (!isBusinessDay(toDay(t))) t -= DAY;
  return toDay(t);
}

/** Business days from `from` to `to` inclusive, newest first (the feeds' order). */
export function* businessDaysDesc(from: string, to: string): Generator<string> {
  const stop = fromDay(from);
  for (let t = fromDay(to); t >= stop; t -= DAY) {
    const d = toDay(t);
    if (isBusinessDay(d)) yield d;
  }
}
