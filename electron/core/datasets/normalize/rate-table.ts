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

interface Series {
  dates: string[];
  rates: string[];
}

export class RateTable {
  private readonly series = new Map<string, Series>();
  private readonly fixed = new Map<string, string>();

  constructor(
    readonly base: string = 'EUR',
    readonly maxFallbackDays = 7,
  ) {}

  /** Published rates, any order; the same (date, currency) twice keeps the last one. */
  static fromRows(rows: Iterable<{ date: string; currency: string; rate: string }>, base = 'EUR', maxFallbackDays = 7): RateTable {
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
    if (!isCurrencyCode(src) || !this.knows(src)) return refused('unknown_currency');
    const a = this.lookupMaybe(src, date);
    const b = this.lookupMaybe(dst, date);
    if (a.flag === 'unknown_currency' || b.flag === 'unknown_currency') return refused('unknown_currency');
    if (a.flag === 'no_rate' || b.flag === 'no_rate') return refused('no_rate');
    // "from" may be the base itself (rate 1 on the day): only the other side's publication counts.
    const sides = [src === this.base ? null : a, dst === this.base ? null : b].filter((x): x is RateLookup => x !== null);
    const flag: RateFlag = sides.some((x) => x.flag === 'fallback') ? 'fallback' : sides.every((x) => x.flag === 'fixed') ? 'fixed' : 'exact';
    const dates = sides.map((x) => x.date).filter((d): d is string => d !== null).sort();
    const from_ = (a as RateLookup).rate;
    const to_ = (b as RateLookup).rate;
    const converted = new Big(amount).times(to_).div(from_);
    const rate = new Big(to_).div(from_);
    return done(converted, exponent, flag, trimDecimal(rate.toFixed(10)), dates[0] ?? null);
  }
}

function done(value: Big, exponent: number, flag: RateFlag, rate: string, rateDate: string | null): Conversion {
  const rounded = value.round(exponent, Big.roundHalfUp);
  return { flag, amount: rounded.toFixed(exponent), minor: BigInt(rounded.times(new Big(10).pow(exponent)).toFixed(0)), rate, rateDate };
}

function refused(flag: 'no_rate' | 'unknown_currency'): Conversion {
  return { flag, amount: null, minor: null, rate: null, rateDate: null };
}

function trimDecimal(s: string): string {
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}
