import { compileDate } from '../../../../shared/transforms/date';
import { DateConfig } from '../../../../shared/transforms/date';

/**
 * Brings a row's date into the dataset's time zone with the shared date transform (the mapping
 * preview and this layer agree on every parse). A bare calendar date stays that day: an invoice
 * dated 2026-01-31 is not moved to the 30th by a zone west of UTC.
 */
export interface LocalDate {
  /** ISO 8601 with the zone's offset, or the bare date. */
  datetime: string;
  /** "YYYY-MM-DD" in the dataset's zone. */
  date: string;
}

export function localDateParser(timezone: string): (value: unknown) => LocalDate | null {
  const toZone = compileDate(
    DateConfig.parse({ kind: 'date', formats: ['ISO', 'unix'], timezone, outputZone: timezone, output: 'datetime' }),
  );
  return (value) => {
    if (value === null || value === undefined || value === '') return null;
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value.trim())) {
      const date = value.trim();
      return { datetime: date, date };
    }
    const out = toZone(value instanceof Date || typeof value === 'string' ? value : String(value), {});
    if (typeof out !== 'string') return null;
    return { datetime: out, date: out.slice(0, 10) };
  };
}
