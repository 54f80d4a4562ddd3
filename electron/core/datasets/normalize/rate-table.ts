import Big from 'big.js';
import { isCurrencyCode, minorUnitExponent } from '../../../../shared/transforms/currencies';
import type { RateFlag } from '../../../../shared/models/datasets';
import { daysBetween } from './buckets';

/**
 * Exchange rates with ECB semantics: every rate is "units of currency per 1 unit of the base"
 * (EUR for the ECB feed); a cross rate goes through the base. A date without a published rate
 * (weekend, TARGET holiday) borrows the latest earlier one — the previous business day — within
 * `maxFallbackDays`, and says so. All arithmetic is big.js on decimal strings.
 */
export interface RateLookup {
  rate: string;
  /** Publication date of the rate used; null for fixed rates. */
  date: string | null;
  flag: 'exact' | 'fallback' | 'fixed';
}

export type LookupResult = RateLookup | { flag: 'no_rate' | 'unknown_currency' };

export interface Conversion {
  flag: RateFlag;
  /** Converted amount with the target currency's ISO 4217 decimals; null when not converted. */
  amount: string | null;
  /** Integer minor units of `amount`: what SQL sums, exactly. */
  minor: bigint | null;
  /** Effective rate from → to (display only; conversion uses the exact quotient). */
  rate: string | null;
  rateDate: string | null;
}

interface Pair {
  flag: RateFlag;
  from: string;
  to: string;
  rate: string;
  rateDate: string | null;
}

interface Series {
  dates: string[];
  rates: string[];
}

export class RateTable {
  private readonly series = new Map<string, Series>();
  private readonly fixed = new Map<string, string>();
  /** (from, to, date) → the resolved pair of rates: a refresh converts many rows per day and currency. */
  private readonly pairs = new Map<string, Pair | Conversion>();

  constructor(
    readonly base: string = 'EUR',
    readonly maxFallbackDays = 7,
  ) {}

  /** Published rates, any order; the same (date, currency) twice keeps the last one. */
  static fromRows(
    rows: Iterable<{ date: string; currency: string; rate: string }>,
    base = 'EUR',
    maxFallbackDays = 7,
  ): RateTable {
    const table = new RateTable(base, maxFallbackDays);
    const collected = new Map<string, Map<string, string>>();
    for (const r of rows) {
      const cur = r.currency.toUpperCase();
      let m = collected.get(cur);
      if (!m) collected.set(cur, (m = new Map()));
      m.set(r.date, r.rate);
    }
    for (const [cur, m] of collected) {
      const dates = [...m.keys()].sort();
      table.series.set(cur, { dates, rates: dates.map((d) => m.get(d)!) });
    }
    return table;
  }

  static fixedRates(rates: Iterable<{ currency: string; rate: string }>, base = 'EUR'): RateTable {
    const table = new RateTable(base, 0);
    for (const r of rates) table.fixed.set(r.currency.toUpperCase(), r.rate);
    return table;
  }

  get currencies(): string[] {
    return [this.base, ...this.series.keys(), ...this.fixed.keys()];
  }

  knows(currency: string): boolean {
    return currency === this.base || this.series.has(currency) || this.fixed.has(currency);
  }

  /** Rate of `currency` (per 1 base) valid on `date` ("YYYY-MM-DD"). */
  lookup(currency: string, date: string): LookupResult {
    const cur = currency.toUpperCase();
    if (cur === this.base) return { rate: '1', date, flag: 'exact' };
    const fixed = this.fixed.get(cur);
    if (fixed !== undefined) return { rate: fixed, date: null, flag: 'fixed' };
    const s = this.series.get(cur);
    if (!s) return { flag: 'unknown_currency' };
    // Latest publication on or before the date.
    let lo = 0;
    let hi = s.dates.length - 1;
    let at = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (s.dates[mid]! <= date) {
        at = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (at < 0) return { flag: 'no_rate' };
    const used = s.dates[at]!;
    if (used === date) return { rate: s.rates[at]!, date: used, flag: 'exact' };
    if (daysBetween(used, date) > this.maxFallbackDays) return { flag: 'no_rate' };
    return { rate: s.rates[at]!, date: used, flag: 'fallback' };
  }

  /** Without a date only fixed rates (and the base itself) apply. */
  private lookupMaybe(currency: string, date: string | null): LookupResult {
    if (date !== null) return this.lookup(currency, date);
    if (currency === this.base) return { rate: '1', date: null, flag: 'exact' };
    const fixed = this.fixed.get(currency);
    if (fixed !== undefined) return { rate: fixed, date: null, flag: 'fixed' };
    return this.series.has(currency) ? { flag: 'no_rate' } : { flag: 'unknown_currency' };
  }

  /** amount (decimal text) in `from` → `to` on `date`, rounded half-up to `to`'s minor units. */
  convert(amount: string, from: string, to: string, date: string | null): Conversion {
    const src = from.toUpperCase();
    const dst = to.toUpperCase();
    const exponent = minorUnitExponent(dst);
    if (src === dst) return done(new Big(amount), exponent, 'same', '1', null);
    const key = `${src}|${dst}|${date ?? ''}`;
    let pair = this.pairs.get(key);
    if (!pair) {
      pair = this.pair(src, dst, date);
      if (this.pairs.size > 100_000) this.pairs.clear();
      this.pairs.set(key, pair);
    }
    if (!('from' in pair)) return pair;
    return converted(amount, pair.to, pair.from, exponent, pair);
  }

  private pair(src: string, dst: string, date: string | null): Pair | Conversion {
    if (!isCurrencyCode(src) || !this.knows(src)) return refused('unknown_currency');
    const a = this.lookupMaybe(src, date);
    const b = this.lookupMaybe(dst, date);
    if (a.flag === 'unknown_currency' || b.flag === 'unknown_currency') return refused('unknown_currency');
    if (a.flag === 'no_rate' || b.flag === 'no_rate') return refused('no_rate');
    // "from" may be the base itself (rate 1 on the day): only the other side's publication counts.
    const sides = [src === this.base ? null : a, dst === this.base ? null : b].filter(
      (x): x is RateLookup => x !== null,
    );
    const flag: RateFlag = sides.some((x) => x.flag === 'fallback')
      ? 'fallback'
      : sides.every((x) => x.flag === 'fixed')
        ? 'fixed'
        : 'exact';
    const dates = sides
      .map((x) => x.date)
      .filter((d): d is string => d !== null)
      .sort();
    const from = (a as RateLookup).rate;
    const to = (b as RateLookup).rate;
    return { flag, from, to, rate: trimDecimal(new Big(to).div(from).toFixed(10)), rateDate: dates[0] ?? null };
  }
}

/** Decimal text → [integer digits, scale]: "12.50" → [1250n, 2]. */
function scaled(decimal: string): [bigint, number] {
  const dot = decimal.indexOf('.');
  return dot < 0
    ? [BigInt(decimal), 0]
    : [BigInt(decimal.slice(0, dot) + decimal.slice(dot + 1)), decimal.length - dot - 1];
}

/**
 * amount × to / from, rounded half away from zero to `exponent` decimals, in integers only: the
 * exact quotient is rounded once (no intermediate precision limit, no float).
 */
function converted(amount: string, to: string, from: string, exponent: number, pair: Pair): Conversion {
  const [a, sa] = scaled(amount);
  const [t, st] = scaled(to);
  const [f, sf] = scaled(from);
  const k = sf + exponent - sa - st;
  let n = a * t;
  let d = f;
  if (k >= 0) n *= 10n ** BigInt(k);
  else d *= 10n ** BigInt(-k);
  const negative = n < 0n;
  const abs = negative ? -n : n;
  const q = (2n * abs + d) / (2n * d);
  const minor = negative ? -q : q;
  return { flag: pair.flag, amount: formatMinor(minor, exponent), minor, rate: pair.rate, rateDate: pair.rateDate };
}

function formatMinor(minor: bigint, exponent: number): string {
  const negative = minor < 0n;
  const digits = (negative ? -minor : minor).toString().padStart(exponent + 1, '0');
  const body = exponent === 0 ? digits : `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
  return negative ? `-${body}` : body;
}

function done(value: Big, exponent: number, flag: RateFlag, rate: string, rateDate: string | null): Conversion {
  const amount = value.round(exponent, Big.roundHalfUp).toFixed(exponent);
  // "-5.50" → -550n: the minor units are the fixed-point digits themselves.
  return { flag, amount, minor: BigInt(amount.replace('.', '')), rate, rateDate };
}

function refused(flag: 'no_rate' | 'unknown_currency'): Conversion {
  return { flag, amount: null, minor: null, rate: null, rateDate: null };
}

function trimDecimal(s: string): string {
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}
