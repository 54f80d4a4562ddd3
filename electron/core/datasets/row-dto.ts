import type { Dataset, DatasetRow, Granularity, RateFlag } from '../../../shared/models/datasets';
import { BUCKET_COLUMN } from './normalize/buckets';
import { q } from './table';

/** SELECT list for DatasetRow: declared columns, normalization columns, and the canonical product (xref join `x`). */
export function rowSelect(dataset: Dataset): string {
  const declared = dataset.columns.map((c, i) => `t.${q(c.name)} AS ${q(`c${i}`)}`);
  return [
    't._source, t._record_id, t._fetched_at, t._date, t._week, t._month, t._amount_orig, t._currency_orig, t._amount, t._rate, t._rate_date, t._rate_flag',
    't._product_key, t._product_raw, t._qty, t._missing, t._errors, x.product_id AS _canonical',
    ...declared,
  ].join(', ');
}

export function xrefJoin(): string {
  return 'LEFT JOIN xref x ON x.dataset_id = ? AND x.system = t._product_system AND x.key = t._product_key';
}

export function toRowDto(
  dataset: Dataset,
  r: Record<string, unknown>,
  granularity: Granularity = dataset.granularity,
): DatasetRow {
  const values: Record<string, unknown> = {};
  dataset.columns.forEach((c, i) => {
    let v = r[`c${i}`];
    if ((c.type === 'object' || c.type === 'array') && typeof v === 'string') {
      try {
        v = JSON.parse(v);
      } catch {
        /* keep the text */
      }
    }
    if (c.type === 'boolean' && typeof v === 'number') v = v === 1;
    values[c.name] = v ?? null;
  });
  const s = (k: string) => (r[k] === null || r[k] === undefined ? null : String(r[k]));
  const list = (k: string) => (typeof r[k] === 'string' ? (JSON.parse(r[k] as string) as string[]) : []);
  return {
    sourceId: String(r._source),
    recordId: String(r._record_id),
    fetchedAt: String(r._fetched_at),
    values,
    date: s('_date'),
    bucket: s(BUCKET_COLUMN[granularity]),
    originalAmount: s('_amount_orig'),
    originalCurrency: s('_currency_orig'),
    amount: s('_amount'),
    rate: s('_rate'),
    rateDate: s('_rate_date'),
    rateFlag: String(r._rate_flag) as RateFlag,
    productKey: s('_product_raw'),
    canonicalProduct: s('_canonical'),
    quantity: s('_qty'),
    missingFields: list('_missing'),
    errors: list('_errors'),
  };
}
