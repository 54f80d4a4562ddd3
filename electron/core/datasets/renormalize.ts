import type { Dataset } from '../../../shared/models/datasets';
import type { DatasetDatabase } from './db';
import { toDecimal, toMilli } from './normalize/decimal';
import type { RateTable } from './normalize/rate-table';
import { quantityNormalizer } from './normalize/units';
import { q, tableName } from './table';

/**
 * Re-derive the conversion columns (and base-unit quantities) of stored rows from their original
 * amount, currency and date — after new or corrected rates, fixed rates edited, or cross-reference
 * edits that change which unit conversion applies. No source is called.
 */
export function renormalize(
  db: DatasetDatabase,
  dataset: Dataset,
  rates: RateTable,
  resolveProduct: (system: string, key: string) => string | null,
  /** Skip rows fetched at this time (a refresh just normalized them with the current rates). */
  exceptFetchedAt?: string,
): number {
  const t = q(tableName(dataset.id));
  const qty = dataset.roles.quantity ? q(dataset.roles.quantity) : 'NULL';
  const unit = dataset.roles.unit ? q(dataset.roles.unit) : 'NULL';
  const select = db.prepare(
    `SELECT _seq, _source, _amount_orig, _currency_orig, _date, _product_system, _product_key, _rate_flag, ${qty} AS qty, ${unit} AS unit FROM ${t} WHERE _seq > ? AND _fetched_at <> ? ORDER BY _seq LIMIT 5000`,
  );
  const update = db.prepare(
    `UPDATE ${t} SET _amount = ?, _amount_minor = ?, _rate = ?, _rate_date = ?, _rate_flag = ?, _qty = ?, _qty_milli = ? WHERE _seq = ?`,
  );
  const normalizeQty = quantityNormalizer(dataset.unitConversions);
  let last = 0;
  let touched = 0;
  for (;;) {
    const rows = select.all(last, exceptFetchedAt ?? '') as {
      _seq: number;
      _source: string;
      _amount_orig: string | null;
      _currency_orig: string | null;
      _date: string | null;
      _product_system: string | null;
      _product_key: string | null;
      _rate_flag: string;
      qty: unknown;
      unit: unknown;
    }[];
    if (rows.length === 0) break;
    db.transaction(() => {
      for (const r of rows) {
        const c =
          r._amount_orig === null
            ? { flag: 'no_amount', amount: null, minor: null, rate: null, rateDate: null }
            : r._currency_orig === null
              ? { flag: 'unknown_currency', amount: null, minor: null, rate: null, rateDate: null }
              : rates.convert(r._amount_orig, r._currency_orig, dataset.reportingCurrency, r._date);
        const canonical =
          r._product_system && r._product_key ? resolveProduct(r._product_system, r._product_key) : null;
        const quantity = normalizeQty(toDecimal(r.qty), r.unit == null ? null : String(r.unit), r._source, canonical);
        update.run(
          c.amount,
          c.minor,
          c.rate,
          c.rateDate,
          c.flag,
          quantity,
          quantity === null ? null : toMilli(quantity),
          r._seq,
        );
      }
    })();
    touched += rows.length;
    last = rows[rows.length - 1]!._seq;
  }
  return touched;
}
