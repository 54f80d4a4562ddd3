import type { Dataset, DatasetColumn, DatasetSource } from '../../../../shared/models/datasets';
import { bucketKey } from './buckets';
import { currencyOf, toDecimal, toMilli, multiply } from './decimal';
import { localDateParser } from './local-date';
import { productKey } from './product-key';
import type { RateTable } from './rate-table';
import { quantityNormalizer } from './units';
import { errorMessage } from '../../../../shared/error-message';

/** One mapped record (or exploded element) on its way into the dataset table. */
export interface RowInput {
  source: DatasetSource;
  recordId: string;
  parentId: string | null;
  childIndex: number | null;
  payload: Record<string, unknown>;
  missing: string[];
  errors: string[];
  fetchedAt: string;
}

export type RowValues = Record<string, unknown>;

/** Canonical product of (system, key), from the cross-reference (in memory during a refresh). */
export type ProductResolver = (system: string, key: string) => string | null;

function columnValue(column: DatasetColumn, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  switch (column.type) {
    case 'money':
      return toDecimal(value) ?? (typeof value === 'object' ? JSON.stringify(value) : String(value));
    case 'number':
      if (column.format === 'decimal') return toDecimal(value) ?? String(value);
      return typeof value === 'number' ? value : Number.isFinite(Number(value)) ? Number(value) : null;
    case 'integer':
      return typeof value === 'number'
        ? Math.trunc(value)
        : /^-?\d+$/.test(String(value).trim())
          ? Number(String(value).trim())
          : null;
    case 'boolean':
      return value === true || value === 'true' || value === 1
        ? 1
        : value === false || value === 'false' || value === 0
          ? 0
          : null;
    case 'object':
    case 'array':
      return JSON.stringify(value);
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}

/**
 * Builds the SQL parameters of one dataset row: declared columns as declared, and the
 * normalization columns — local date and buckets, original and converted money with the rate and
 * its date, the product key for the cross-reference, the quantity in base units, lineage.
 */
export function rowBuilder(dataset: Dataset, rates: RateTable, resolveProduct: ProductResolver) {
  const roles = dataset.roles;
  const parseDate = localDateParser(dataset.timezone);
  const normalizeQty = quantityNormalizer(dataset.unitConversions);
  const reporting = dataset.reportingCurrency;

  return (input: RowInput): RowValues => {
    const p = input.payload;
    const row: RowValues = {};
    for (const c of dataset.columns) row[c.name] = columnValue(c, p[c.name]);
    const errors = [...input.errors];

    let date: string | null = null;
    let datetime: string | null = null;
    try {
      const local = parseDate(p[roles.date]);
      if (local) ({ date, datetime } = local);
    } catch (error) {
      errors.push(`${roles.date}: ${errorMessage(error)}`);
    }

    // A value that is present but not a number is a row error (shown in the quality checks), never a 0.
    const decimal = (column: string | undefined): string | null => {
      if (!column) return null;
      const raw = p[column];
      const d = toDecimal(raw);
      if (d === null && raw !== null && raw !== undefined && raw !== '')
        errors.push(`${column}: ${JSON.stringify(raw).slice(0, 60)} is not a decimal number`);
      return d;
    };
    const quantity = decimal(roles.quantity);
    let amount = decimal(roles.amount);
    if (amount === null && roles.unitPrice) {
      const unitPrice = decimal(roles.unitPrice);
      if (unitPrice !== null) amount = quantity === null ? unitPrice : multiply(unitPrice, quantity);
    }
    const rawCurrency = roles.currency ? p[roles.currency] : null;
    const currency =
      (typeof rawCurrency === 'string' && rawCurrency.trim() ? rawCurrency.trim().toUpperCase() : null) ??
      currencyOf(roles.amount ? p[roles.amount] : null) ??
      currencyOf(roles.unitPrice ? p[roles.unitPrice] : null);
    if (roles.currency && currency !== null) row[roles.currency] = currency;

    let conversion;
    if (amount === null) conversion = { flag: 'no_amount', amount: null, minor: null, rate: null, rateDate: null };
    else if (currency === null)
      conversion = { flag: 'unknown_currency', amount: null, minor: null, rate: null, rateDate: null };
    else conversion = rates.convert(amount, currency, reporting, date);

    const system = input.source.productSystem ?? input.source.id;
    const rawProduct = roles.product ? p[roles.product] : null;
    const key = productKey(rawProduct);
    const canonical = key === null ? null : resolveProduct(system, key);
    const unit = roles.unit ? (p[roles.unit] == null ? null : String(p[roles.unit])) : null;
    let qty: string | null = null;
    try {
      qty = normalizeQty(quantity, unit, input.source.id, canonical);
    } catch (error) {
      errors.push(`quantity: ${errorMessage(error)}`);
    }
    const reference =
      roles.reference && p[roles.reference] != null && String(p[roles.reference]).trim() !== ''
        ? String(p[roles.reference]).trim()
        : null;

    row._source = input.source.id;
    row._record_id = input.recordId;
    row._parent_id = input.parentId;
    row._child_index = input.childIndex;
    row._kind = input.source.kind;
    row._fetched_at = input.fetchedAt;
    row._datetime = datetime;
    row._date = date;
    row._week = date ? bucketKey(date, 'week') : null;
    row._month = date ? bucketKey(date, 'month') : null;
    row._amount_orig = amount;
    row._currency_orig = currency;
    row._amount = conversion.amount;
    row._amount_minor = conversion.minor;
    row._rate = conversion.rate;
    row._rate_date = conversion.rateDate;
    row._rate_flag = conversion.flag;
    row._product_system = key === null ? null : system;
    row._product_key = key;
    row._product_raw = rawProduct == null ? null : String(rawProduct);
    row._qty = qty;
    row._qty_milli = qty === null ? null : toMilli(qty);
    row._reference = reference;
    row._missing = input.missing.length ? JSON.stringify(input.missing) : null;
    row._errors = errors.length ? JSON.stringify(errors) : null;
    return row;
  };
}
