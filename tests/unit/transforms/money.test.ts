import { describe, expect, it } from 'vitest';
import { minorUnitExponent } from '../../../shared/transforms/currencies';
import { fails, run } from './helpers';

const money = (extra: Record<string, unknown> = {}) => ({ kind: 'money', ...extra });

describe('money parse', () => {
  it('French format with narrow no-break space grouping and NBSP before €', async () => {
    expect(await run(money(), '1\u202F234,50\u00A0€')).toEqual({ amount: '1234.50', currency: 'EUR' });
    expect(await run(money(), '1 234 567,8 EUR')).toEqual({ amount: '1234567.80', currency: 'EUR' });
  });

  it('US, Swiss and Indian groupings', async () => {
    expect(await run(money(), '$1,234.50')).toEqual({ amount: '1234.50', currency: 'USD' });
    expect(await run(money(), "CHF 1'234.50")).toEqual({ amount: '1234.50', currency: 'CHF' });
    expect(await run(money(), '₹12,34,567.00')).toEqual({ amount: '1234567.00', currency: 'INR' });
    expect(await run(money(), '1.234,5 €')).toEqual({ amount: '1234.50', currency: 'EUR' });
  });

  it('negative amounts: minus before/after symbol, unicode minus, trailing minus, accounting parentheses', async () => {
    expect(await run(money(), '-12.5 USD')).toEqual({ amount: '-12.50', currency: 'USD' });
    expect(await run(money(), '-$12.50')).toEqual({ amount: '-12.50', currency: 'USD' });
    expect(await run(money(), '\u221212,50 €')).toEqual({ amount: '-12.50', currency: 'EUR' });
    expect(await run(money({ currency: 'EUR' }), '12.50-')).toEqual({ amount: '-12.50', currency: 'EUR' });
    expect(await run(money({ currency: 'USD' }), '(1,234.50)')).toEqual({ amount: '-1234.50', currency: 'USD' });
    expect(await run(money(), '-0.00 EUR')).toEqual({ amount: '0.00', currency: 'EUR' });
  });

  it('three-decimal currencies (KWD, BHD) read "1.250" as one and a quarter, not 1250', async () => {
    expect(minorUnitExponent('KWD')).toBe(3);
    expect(await run(money({ currency: 'KWD' }), '1.250')).toEqual({ amount: '1.250', currency: 'KWD' });
    expect(await run(money(), '12.5 BHD')).toEqual({ amount: '12.500', currency: 'BHD' });
    expect(await run(money(), '1,234.567 KWD')).toEqual({ amount: '1234.567', currency: 'KWD' });
    expect(await run(money({ currency: 'EUR' }), '1.250')).toEqual({ amount: '1250.00', currency: 'EUR' });
  });

  it('zero-decimal JPY: ¥ and grouping; decimals are an error unless rounding is chosen', async () => {
    expect(await run(money(), '¥1,234')).toEqual({ amount: '1234', currency: 'JPY' });
    await fails(money(), '1234.5 JPY', 'transform_error', 'too_many_decimals');
    expect(await run(money({ rounding: 'half_even' }), '1234.5 JPY')).toEqual({ amount: '1234', currency: 'JPY' });
    expect(await run(money({ rounding: 'half_up' }), '1234.5 JPY')).toEqual({ amount: '1235', currency: 'JPY' });
  });

  it('integer minor units + currency → decimal string, including [amount, currency] from two sources', async () => {
    const minor = money({ input: 'minor_units' });
    expect(await run({ ...minor, currency: 'EUR' }, 123450)).toEqual({ amount: '1234.50', currency: 'EUR' });
    expect(await run(minor, [123450, 'kwd'])).toEqual({ amount: '123.450', currency: 'KWD' });
    expect(await run(minor, ['-500', 'JPY'])).toEqual({ amount: '-500', currency: 'JPY' });
    expect(await run(minor, [BigInt('900719925474099312'), 'USD'])).toEqual({
      amount: '9007199254740993.12',
      currency: 'USD',
    });
    await fails({ ...minor, currency: 'EUR' }, 12.5, 'transform_error', 'not_minor_units');
    await fails(minor, 100, 'transform_error', 'no_currency');
  });

  it('outputs an amount only or minor units on request', async () => {
    expect(await run(money({ output: 'amount' }), '$0.1')).toBe('0.10');
    expect(await run(money({ output: 'minor_units' }), '1 234,56 €')).toBe(123456);
  });

  it('never goes through binary floating point: 0.1 + 0.2 style values stay exact', async () => {
    expect(await run(money(), '9007199254740993.01 USD')).toEqual({ amount: '9007199254740993.01', currency: 'USD' });
  });

  it('invalid inputs are typed errors with a reason', async () => {
    await fails(money(), '12,50', 'transform_error', 'no_currency');
    await fails(money(), '12 XYZ', 'transform_error', 'bad_currency');
    await fails(money(), 'twelve EUR', 'transform_error', 'not_a_number');
    await fails(money(), '12a €', 'transform_error', 'not_a_number');
    await fails(money(), 'abc €', 'transform_error', 'bad_currency');
    await fails(money(), '1,2,3 €', 'transform_error', 'not_a_number');
    await fails(money(), '12 kr', 'transform_error', 'ambiguous_currency');
    expect(await run(money({ currency: 'SEK' }), '12,50 kr')).toEqual({ amount: '12.50', currency: 'SEK' });
    await fails(money(), '10 USD 5 EUR', 'transform_error');
  });

  it('blank is null; a bad configured currency fails at parse', async () => {
    expect(await run(money(), '  ')).toBeNull();
    expect(await fails(money({ currency: 'EURO' }), '1', 'transform_error')).toMatch(/ISO 4217/);
  });
});

describe('number parse', () => {
  it('auto-detects separators and keeps exact decimals', async () => {
    expect(await run({ kind: 'number' }, '1 234,5')).toBe(1234.5);
    expect(await run({ kind: 'number' }, '1,234')).toBe(1234);
    expect(await run({ kind: 'number' }, '0,125')).toBe(0.125);
    expect(await run({ kind: 'number', decimalSeparator: ',' }, '1,234')).toBe(1.234);
    expect(await run({ kind: 'number', output: 'decimal_string' }, '-0.10')).toBe('-0.1');
    expect(await run({ kind: 'number' }, '45%')).toBe(45);
  });

  it('integer output rejects fractions unless rounding', async () => {
    await fails({ kind: 'number', output: 'integer' }, '2.5', 'transform_error', 'not_integer');
    expect(await run({ kind: 'number', output: 'integer', round: 0 }, '2.5')).toBe(3);
  });

  it('garbage is a typed error', async () => {
    await fails({ kind: 'number' }, '12abc', 'transform_error', 'not_a_number');
    await fails({ kind: 'number' }, '1.2.3,4,5', 'transform_error', 'not_a_number');
  });
});
