/**
 * ISO 4217 minor-unit exponents. Everything not listed has 2 decimals. Intl's CLDR digits are
 * deliberately not used: CLDR rounds some currencies for display (IQD, HUF…) where ISO keeps decimals.
 */
const EXPONENTS: Record<string, number> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  CLF: 4,
  UYW: 4,
};

// Codes Intl may not list (funds, precious metals are excluded on purpose: not money a CRM bills).
const EXTRA_CODES = ['CLF', 'UYI', 'UYW', 'XAF', 'XOF', 'XPF', 'VES', 'SLE', 'ZWG'];

let codes: Set<string> | undefined;
export function isCurrencyCode(code: string): boolean {
  if (!codes) {
    const list = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('currency') : [];
    codes = new Set([
      ...list,
      ...Object.keys(EXPONENTS),
      ...EXTRA_CODES,
      'EUR',
      'USD',
      'GBP',
      'CHF',
      'CAD',
      'AUD',
      'JPY',
      'CNY',
    ]);
  }
  return codes.has(code);
}

export function minorUnitExponent(currency: string): number {
  return EXPONENTS[currency] ?? 2;
}

const DOLLARS = new Set([
  'USD',
  'CAD',
  'AUD',
  'NZD',
  'HKD',
  'SGD',
  'MXN',
  'TWD',
  'BSD',
  'BBD',
  'BZD',
  'BMD',
  'FJD',
  'JMD',
  'LRD',
  'NAD',
  'SBD',
  'TTD',
  'XCD',
  'ARS',
  'CLP',
  'COP',
]);
const YENS = new Set(['JPY', 'CNY']);
const KRONER = new Set(['SEK', 'NOK', 'DKK', 'ISK']);

/** Symbols, longest first so "US$" wins over "$". Ambiguous ones defer to the configured currency. */
const SYMBOLS: [string, string | ((fallback?: string) => string | undefined)][] = [
  ['Mex$', 'MXN'],
  ['US$', 'USD'],
  ['CA$', 'CAD'],
  ['AU$', 'AUD'],
  ['NZ$', 'NZD'],
  ['HK$', 'HKD'],
  ['C$', 'CAD'],
  ['A$', 'AUD'],
  ['R$', 'BRL'],
  ['S$', 'SGD'],
  ['Fr.', 'CHF'],
  ['zł', 'PLN'],
  ['Kč', 'CZK'],
  ['Ft', 'HUF'],
  ['kr.', (f) => (f && KRONER.has(f) ? f : undefined)],
  ['kr', (f) => (f && KRONER.has(f) ? f : undefined)],
  ['€', 'EUR'],
  ['£', 'GBP'],
  ['₹', 'INR'],
  ['₩', 'KRW'],
  ['₽', 'RUB'],
  ['₺', 'TRY'],
  ['₪', 'ILS'],
  ['₫', 'VND'],
  ['₴', 'UAH'],
  ['₦', 'NGN'],
  ['฿', 'THB'],
  ['₱', 'PHP'],
  ['¥', (f) => (f && YENS.has(f) ? f : 'JPY')],
  ['$', (f) => (f && DOLLARS.has(f) ? f : 'USD')],
];

export interface CurrencyMatch {
  /** The text with the currency symbol/code removed. */
  rest: string;
  currency?: string;
  /** Set when a symbol exists but cannot be resolved ("kr" with no Nordic default). */
  ambiguous?: string;
}

const CODE_RE = /(?<![A-Za-z])([A-Za-z]{3})(?![A-Za-z])/;

/** Finds one ISO code or symbol in money text. Throws Error on two different currencies. */
export function extractCurrency(text: string, fallback?: string): CurrencyMatch {
  let rest = text;
  let currency: string | undefined;
  let ambiguous: string | undefined;
  const code = CODE_RE.exec(rest);
  if (code) {
    currency = code[1]!.toUpperCase();
    if (!isCurrencyCode(currency)) throw new Error(`"${code[1]}" is not an ISO 4217 currency code`);
    rest = rest.slice(0, code.index) + ' ' + rest.slice(code.index + 3);
  }
  for (const [symbol, resolve] of SYMBOLS) {
    const at = rest.indexOf(symbol);
    if (at < 0) continue;
    const resolved = typeof resolve === 'string' ? resolve : resolve(currency ?? fallback);
    if (!resolved) ambiguous = symbol;
    else if (currency && resolved !== currency && !(typeof resolve === 'function')) {
      throw new Error(`it names two currencies (${currency} and ${symbol})`);
    } else currency ??= resolved;
    rest = rest.slice(0, at) + ' ' + rest.slice(at + symbol.length);
    break;
  }
  return { rest, ...(currency ? { currency } : {}), ...(ambiguous && !currency ? { ambiguous } : {}) };
}
