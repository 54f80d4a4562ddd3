import Big from 'big.js';
import { z } from 'zod';
import { extractCurrency, isCurrencyCode, minorUnitExponent } from './currencies';
import { parseDecimalText } from './decimal-text';
import { isNullish, quote, transformError, type TransformFn } from './types';
import { errorMessage } from '../error-message';

/** Output of the money transform: an exact decimal string with the currency's ISO 4217 decimals. */
export interface Money {
  amount: string;
  currency: string;
}

const CurrencyCode = z
  .string()
  .transform((c) => c.trim().toUpperCase())
  .refine(isCurrencyCode, { message: 'not an ISO 4217 currency code (e.g. EUR, USD, KWD)' });

/**
 * Money parse: "1 234,50 €", "$1,234.50", "-12.5 USD", "(1,234.50)", or integer minor units
 * (Stripe-style 123450 + "EUR"). A two-source rule may pass [amount, currency].
 */
export const MoneyConfig = z.object({
  kind: z.literal('money'),
  input: z.enum(['text', 'minor_units']).default('text'),
  /** Used when the value names no currency (and to resolve "$", "¥", "kr"). */
  currency: CurrencyCode.optional(),
  decimalSeparator: z.enum(['auto', '.', ',']).default('auto'),
  /** More decimals than the currency has: reject (default: no silent rounding of money) or round. */
  rounding: z.enum(['error', 'half_up', 'half_even', 'down']).default('error'),
  output: z.enum(['object', 'amount', 'minor_units']).default('object'),
});
export type MoneyConfig = z.infer<typeof MoneyConfig>;

const ROUNDING = { half_up: Big.roundHalfUp, half_even: Big.roundHalfEven, down: Big.roundDown } as const;

export function compileMoney(config: MoneyConfig): TransformFn {
  const fail = (value: unknown, why: string, reason: string) =>
    transformError('money', `${quote(value)} is not a money amount: ${why}.`, { reason });

  const finish = (input: unknown, decimal: string, currency: string | undefined): unknown => {
    if (!currency) throw fail(input, 'it names no currency and the rule sets none', 'no_currency');
    const exponent = minorUnitExponent(currency);
    let big = new Big(decimal);
    const rounded = big.round(exponent, config.rounding === 'error' ? Big.roundDown : ROUNDING[config.rounding]);
    if (!rounded.eq(big)) {
      if (config.rounding === 'error')
        throw fail(input, `${currency} has ${exponent} decimals; set "rounding" to round it`, 'too_many_decimals');
      big = rounded;
    }
    const amount = big.toFixed(exponent);
    if (config.output === 'amount') return amount;
    if (config.output === 'minor_units') return Number(big.times(new Big(10).pow(exponent)).toFixed(0));
    return { amount, currency } satisfies Money;
  };

  const parseMinor = (raw: unknown, currency: string | undefined, input: unknown): unknown => {
    const text =
      typeof raw === 'number'
        ? Number.isSafeInteger(raw)
          ? String(raw)
          : ''
        : typeof raw === 'bigint'
          ? raw.toString()
          : String(raw).trim();
    if (!/^-?\d+$/.test(text))
      throw fail(input, 'minor units must be a whole number (e.g. 123450 for 1234.50)', 'not_minor_units');
    if (!currency) throw fail(input, 'minor units need a currency', 'no_currency');
    const exponent = minorUnitExponent(currency);
    return finish(input, new Big(text).div(new Big(10).pow(exponent)).toFixed(exponent), currency);
  };

  const parseText = (raw: unknown, hint: string | undefined, input: unknown): unknown => {
    if (typeof raw === 'number') {
      if (!Number.isFinite(raw)) throw fail(input, 'it is not finite', 'not_a_number');
      return finish(input, new Big(raw).toFixed(), hint);
    }
    if (typeof raw !== 'string') throw fail(input, 'expected text or a number', 'not_a_number');
    let match;
    try {
      match = extractCurrency(raw, hint);
    } catch (error) {
      throw fail(input, errorMessage(error), 'bad_currency');
    }
    if (match.ambiguous)
      throw fail(
        input,
        `"${match.ambiguous}" could be several currencies; set the rule's currency`,
        'ambiguous_currency',
      );
    const currency = match.currency ?? hint;
    let decimal: string;
    try {
      decimal = parseDecimalText(match.rest, {
        decimalSeparator: config.decimalSeparator,
        threeDecimals: currency !== undefined && minorUnitExponent(currency) === 3,
      });
    } catch (error) {
      throw fail(input, errorMessage(error), 'not_a_number');
    }
    return finish(input, decimal, currency);
  };

  return (value) => {
    if (isNullish(value) || (typeof value === 'string' && value.trim() === '')) return null;
    let raw: unknown = value;
    let currency = config.currency;
    // [amount, currency] from a two-source rule, or an already-structured {amount, currency}.
    if (Array.isArray(value) && value.length === 2) {
      raw = value[0];
      if (!isNullish(value[1]) && String(value[1]).trim() !== '') currency = String(value[1]).trim().toUpperCase();
    } else if (typeof value === 'object' && value !== null && 'amount' in value) {
      raw = (value as { amount: unknown }).amount;
      const c = (value as { currency?: unknown }).currency;
      if (typeof c === 'string' && c.trim()) currency = c.trim().toUpperCase();
    }
    if (isNullish(raw) || (typeof raw === 'string' && raw.trim() === '')) return null;
    if (currency !== undefined && !isCurrencyCode(currency))
      throw fail(value, `"${currency}" is not an ISO 4217 currency code`, 'bad_currency');
    return config.input === 'minor_units' ? parseMinor(raw, currency, value) : parseText(raw, currency, value);
  };
}
