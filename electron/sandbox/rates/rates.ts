import { unit } from '../common/rng';
import { fromDay, isBusinessDay } from './calendar';

/**
 * Deterministic euro reference rates: for each currency a base level, a slow yearly swing and a
 * small daily wobble, all derived from (seed, currency, date). Rounded as the ECB publishes them,
 * and returned as decimal strings so nobody has to trust binary floating point.
 */
export const CURRENCIES: ReadonlyArray<[code: string, base: number, decimals: number]> = [
  ['USD', 1.08, 4],
  ['JPY', 160, 2],
  ['BGN', 1.9558, 4],
  ['CZK', 25.1, 3],
  ['DKK', 7.4601, 4],
  ['GBP', 0.855, 5],
  ['HUF', 392, 2],
  ['PLN', 4.31, 4],
  ['RON', 4.9735, 4],
  ['SEK', 11.35, 4],
  ['CHF', 0.955, 4],
  ['ISK', 150.1, 2],
  ['NOK', 11.52, 4],
  ['TRY', 35.1, 4],
  ['AUD', 1.63, 4],
  ['BRL', 5.91, 4],
  ['CAD', 1.47, 4],
  ['CNY', 7.82, 4],
  ['HKD', 8.43, 4],
  ['IDR', 17120, 2],
  ['ILS', 3.99, 4],
  ['INR', 90.2, 4],
  ['KRW', 1451, 2],
  ['MXN', 20.1, 4],
  ['MYR', 4.91, 4],
  ['NZD', 1.78, 4],
  ['PHP', 61.3, 3],
  ['SGD', 1.45, 4],
  ['THB', 38.2, 3],
  ['ZAR', 20.3, 4],
];
const BY_CODE = new Map(CURRENCIES.map((c) => [c[0], c]));
/** Pegged: BGN has been fixed at 1.95583 to the euro; the ECB publishes 1.9558. */
const FIXED = new Set(['BGN']);

/** The rate (units of currency per 1 EUR) for a business day, or null if none is published that day. */
export function rateFor(seed: number, currency: string, day: string): string | null {
  const c = BY_CODE.get(currency.toUpperCase());
  if (!c || !isBusinessDay(day)) return null;
  const [code, base, decimals] = c;
  if (FIXED.has(code)) return base.toFixed(decimals);
  const days = fromDay(day) / 86_400_000;
  const phase = unit(seed, 'fx-phase', 0, code.charCodeAt(0) * 31 + code.charCodeAt(1)) * Math.PI * 2;
  const swing = 0.06 * Math.sin((days / 365.25) * Math.PI * 2 + phase);
  const wobble = (unit(seed, `fx-${code}`, Math.floor(days)) - 0.5) * 0.01;
  return (base * Math.exp(swing + wobble)).toFixed(decimals);
}

export function ratesForDay(seed: number, day: string): Array<[string, string]> {
  if (!isBusinessDay(day)) return [];
  return CURRENCIES.map(([code]) => [code, rateFor(seed, code, day)!]);
}
