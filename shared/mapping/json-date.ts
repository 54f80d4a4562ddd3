/**
 * Microsoft JSON dates, as Xero writes every timestamp: `/Date(1573755038314+0000)/` is milliseconds
 * since the epoch (UTC) followed by the offset of the zone it was written in, which does not change
 * the instant. Date.parse reads none of it, so every place that turns an API's time into a number
 * goes through `apiTimeMs`.
 */
const JSON_DATE = /^\/Date\((-?\d+)([+-]\d{4})?\)\/$/;

/** Milliseconds since the epoch of a `/Date(…)/` text, or undefined when it is not one. */
export function parseJsonDate(text: string): number | undefined {
  const m = JSON_DATE.exec(text.trim());
  return m ? Number(m[1]) : undefined;
}

/** `/Date(ms+0000)/` for an instant. */
export function formatJsonDate(ms: number): string {
  return `/Date(${Math.trunc(ms)}+0000)/`;
}

/**
 * An API's timestamp as milliseconds: epoch seconds or milliseconds (numbers or digit strings),
 * ISO 8601 text, or a Microsoft JSON date. NaN when it is none of these.
 */
export function apiTimeMs(value: unknown): number {
  if (typeof value === 'number') return Number.isFinite(value) ? (value < 1e11 ? value * 1000 : value) : NaN;
  if (typeof value !== 'string' || !value.trim()) return NaN;
  const s = value.trim();
  if (/^\d+$/.test(s)) return apiTimeMs(Number(s));
  return parseJsonDate(s) ?? Date.parse(s);
}
