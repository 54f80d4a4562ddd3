import { describe, expect, it } from 'vitest';
import { RateTable } from '../../../electron/core/datasets/normalize/rate-table';

// A week around Easter 2024 as the ECB published it: no Cube on Good Friday (29 Mar), the weekend
// and Easter Monday (1 Apr). Rates are units per 1 EUR.
const rows = [
  { date: '2024-03-27', currency: 'USD', rate: '1.0827' },
  { date: '2024-03-28', currency: 'USD', rate: '1.0811' },
  { date: '2024-04-02', currency: 'USD', rate: '1.0772' },
  { date: '2024-03-27', currency: 'GBP', rate: '0.85783' },
  { date: '2024-03-28', currency: 'GBP', rate: '0.85553' },
  { date: '2024-04-02', currency: 'GBP', rate: '0.85560' },
  { date: '2024-03-28', currency: 'JPY', rate: '163.45' },
];
const table = RateTable.fromRows(rows, 'EUR', 7);

describe('rate lookup with ECB semantics', () => {
  it('uses the exact day when published', () => {
    expect(table.lookup('USD', '2024-03-28')).toEqual({ rate: '1.0811', date: '2024-03-28', flag: 'exact' });
  });

  it('falls back to the previous business day across Good Friday, the weekend and Easter Monday', () => {
    for (const day of ['2024-03-29', '2024-03-30', '2024-03-31', '2024-04-01']) {
      expect(table.lookup('USD', day)).toEqual({ rate: '1.0811', date: '2024-03-28', flag: 'fallback' });
    }
    expect(table.lookup('USD', '2024-04-02').flag).toBe('exact');
  });

  it('has no rate before the first publication or beyond the fallback window', () => {
    expect(table.lookup('USD', '2024-03-26')).toEqual({ flag: 'no_rate' });
    expect(table.lookup('USD', '2024-04-10')).toEqual({ flag: 'no_rate' });
    expect(RateTable.fromRows(rows, 'EUR', 1).lookup('USD', '2024-03-30')).toEqual({ flag: 'no_rate' });
  });

  it('converts to EUR by dividing, half-up to the cent, flagging the fallback and its rate date', () => {
    const c = table.convert('100.00', 'USD', 'EUR', '2024-03-30');
    // 100 / 1.0811 = 92.4983813…
    expect(c).toMatchObject({ flag: 'fallback', amount: '92.50', rateDate: '2024-03-28' });
    expect(c.minor).toBe(9250n);
  });

  it('computes cross rates through EUR (GBP → USD) exactly', () => {
    const c = table.convert('250.00', 'GBP', 'USD', '2024-03-28');
    // 250 × 1.0811 / 0.85553 = 315.9152806…
    expect(c).toMatchObject({ flag: 'exact', amount: '315.92', rateDate: '2024-03-28' });
    expect(c.rate).toBe('1.2636611223');
  });

  it('rounds to the target currency exponent (JPY has none)', () => {
    expect(table.convert('10.00', 'EUR', 'JPY', '2024-03-28')).toMatchObject({
      amount: '1635',
      minor: 1635n,
      flag: 'exact',
    });
  });

  it('flags an unknown or invalid currency instead of converting it', () => {
    expect(table.convert('10.00', 'ARS', 'EUR', '2024-03-28')).toMatchObject({
      flag: 'unknown_currency',
      amount: null,
      minor: null,
    });
    expect(table.convert('10.00', 'XYZ', 'EUR', '2024-03-28')).toMatchObject({
      flag: 'unknown_currency',
      amount: null,
    });
  });

  it('needs no rate for the same currency, and no date for fixed rates', () => {
    expect(table.convert('-12.345', 'EUR', 'EUR', null)).toMatchObject({ flag: 'same', amount: '-12.35', rate: '1' });
    const fixed = RateTable.fixedRates([{ currency: 'USD', rate: '1.25' }]);
    expect(fixed.convert('10.00', 'USD', 'EUR', '2030-01-01')).toMatchObject({
      flag: 'fixed',
      amount: '8.00',
      rateDate: null,
    });
  });

  it('never goes through binary floating point (0.1 + 0.2 style amounts stay exact)', () => {
    const t = RateTable.fixedRates([{ currency: 'USD', rate: '1' }]);
    expect(t.convert('0.30', 'USD', 'EUR', null).minor).toBe(30n);
    expect(table.convert('123456789012.35', 'EUR', 'EUR', null).minor).toBe(12345678901235n);
  });
});
