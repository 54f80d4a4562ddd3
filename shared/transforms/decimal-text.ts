import { UNICODE_SPACES } from './types';

/**
 * Locale-agnostic decimal text → canonical decimal string ("1 234,50" → "1234.50").
 * Never goes through a binary float: the digits are only re-arranged, so money stays exact.
 */
export interface DecimalTextOptions {
  decimalSeparator: 'auto' | '.' | ',';
  /** With one separator followed by exactly three digits, "auto" reads a grouping separator ("1,234")
   *  unless the currency has three decimals (KWD "1.250"). */
  threeDecimals?: boolean;
}

const MINUS_SIGNS = /[\u2212\u2012\u2013\u2014\uFE63\uFF0D]/g;

export function normalizeNumericText(text: string): string {
  return text.replace(UNICODE_SPACES, ' ').replace(MINUS_SIGNS, '-').trim();
}

function countOf(text: string, char: string): number {
  return text.split(char).length - 1;
}

/** Throws Error with a user-facing reason; callers wrap it in their transform's AppError. */
export function parseDecimalText(raw: string, options: DecimalTextOptions): string {
  let s = normalizeNumericText(raw);
  let negative = false;
  // Accounting negatives "(1,234.50)", leading/trailing minus, explicit plus.
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  if (s.startsWith('-')) {
    negative = !negative;
    s = s.slice(1).trim();
  } else if (s.startsWith('+')) {
    s = s.slice(1).trim();
  } else if (s.endsWith('-')) {
    negative = !negative;
    s = s.slice(0, -1).trim();
  }
  if (!/^[\d .,'’]+$/.test(s) || !/\d/.test(s)) throw new Error('it is not a number');

  let dec: '.' | ',' | null = null;
  if (options.decimalSeparator !== 'auto') {
    dec = s.includes(options.decimalSeparator) ? options.decimalSeparator : null;
  } else {
    const lastDot = s.lastIndexOf('.');
    const lastComma = s.lastIndexOf(',');
    if (lastDot >= 0 && lastComma >= 0) dec = lastDot > lastComma ? '.' : ',';
    else if (lastDot >= 0 || lastComma >= 0) {
      const sep = lastDot >= 0 ? '.' : ',';
      const at = Math.max(lastDot, lastComma);
      const intDigits = s.slice(0, at).replace(/[ '’]/g, '');
      const after = s.length - at - 1;
      if (countOf(s, sep) > 1) dec = null;
      else if (after === 3 && !options.threeDecimals && intDigits !== '' && intDigits !== '0') dec = null;
      else dec = sep;
    }
  }

  const at = dec ? s.lastIndexOf(dec) : -1;
  const intPart = at >= 0 ? s.slice(0, at).trim() : s;
  const fracPart = at >= 0 ? s.slice(at + 1).trim() : '';
  if (!/^\d*$/.test(fracPart)) throw new Error(`the decimals "${fracPart}" are not digits`);
  if (/[.,]/.test(intPart) && intPart.includes('.') && intPart.includes(','))
    throw new Error('it mixes "." and "," as thousands separators');
  if (dec && intPart.includes(dec)) throw new Error(`"${dec}" appears as both decimal and thousands separator`);
  const groups = intPart.split(/[ .,'’]+/);
  if (groups.length > 1) {
    // Western grouping (1,234,567) or Indian lakh grouping (12,34,567).
    const [first, ...rest] = groups;
    const western = first!.length >= 1 && first!.length <= 3 && rest.every((g) => g.length === 3);
    const indian =
      first!.length >= 1 &&
      first!.length <= 2 &&
      rest.length >= 2 &&
      rest.slice(0, -1).every((g) => g.length === 2) &&
      rest[rest.length - 1]!.length === 3;
    if (!western && !indian) throw new Error(`the thousands grouping "${intPart}" is irregular`);
  }
  const digits = groups.join('').replace(/^0+(?=\d)/, '') || '0';
  const fraction = fracPart;
  const isZero = /^0*$/.test(digits + fraction);
  return `${negative && !isZero ? '-' : ''}${digits}${fraction ? `.${fraction}` : ''}`;
}
