import Big from 'big.js';

/**
 * Decimal text from what a mapping produced: "12.50", 12.5, {amount:"12.50", currency:"EUR"}.
 * A JSON number is read through its shortest decimal form (12.5 → "12.5"), never summed as a float.
 */
export function toDecimal(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'object' && 'amount' in value) return toDecimal((value as { amount: unknown }).amount);
  if (typeof value === 'number') return Number.isFinite(value) ? new Big(value).toFixed() : null;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value !== 'string') return null;
  const s = value.trim();
  if (!/^[+-]?(?:\d+\.?\d*|\.\d+)$/.test(s)) return null;
  // Keep the source's own scale ("-5.50" stays "-5.50"); only the form is normalized.
  return s
    .replace(/^\+/, '')
    .replace(/^(-?)\./, '$10.')
    .replace(/\.$/, '');
}

/** The currency a money transform attached to its value, if any. */
export function currencyOf(value: unknown): string | null {
  if (value && typeof value === 'object' && 'currency' in value) {
    const c = (value as { currency: unknown }).currency;
    return typeof c === 'string' && c.trim() ? c.trim().toUpperCase() : null;
  }
  return null;
}

export function multiply(a: string, b: string): string {
  return new Big(a).times(b).toFixed();
}

/** Sum of integer minor units as exact decimal text ("123456" cents → "1234.56"). */
export function minorToDecimal(minor: bigint | number | null | undefined, exponent: number): string {
  const v = BigInt(minor ?? 0);
  return new Big(v.toString()).div(new Big(10).pow(exponent)).toFixed(exponent);
}

/** Quantities are summed in SQL as integer thousandths (exact for up to three decimals). */
export const QTY_SCALE = 3;
export function toMilli(quantity: string): bigint {
  return BigInt(new Big(quantity).times(1000).round(0, Big.roundHalfUp).toFixed(0));
}
