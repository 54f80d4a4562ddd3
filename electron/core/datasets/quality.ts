import type {
  Dataset,
  DatasetFilters,
  QualityCheck,
  QualityCheckId,
  QualityReport,
  RowPage,
} from '../../../shared/models/datasets';
import type { DatasetDatabase } from './db';
import { whereFilters } from './filters';
import type { DatasetQueries } from './queries';
import { q, tableName } from './table';

/**
 * Quality checks: each is one SQL condition on the dataset table (alias t, xref join x), so the
 * number on a tile and the rows behind it can never disagree — both come from the same predicate.
 * The report counts every check in one pass over the table, grouped by source.
 */
interface CheckDef {
  label: string;
  severity: QualityCheck['severity'];
  /** Row predicate; null = every row (rows per source). */
  where: (d: Dataset) => string | null;
  /** Distinct values shown inline (ids, currencies, dates…). */
  example?: string;
}

// Same reference and kind in another source: computed once per query as a set, not per row.
const DUPLICATE = (d: Dataset) =>
  `t._reference IS NOT NULL AND (t._reference, t._kind) IN (SELECT _reference, _kind FROM ${q(tableName(d.id))} WHERE _reference IS NOT NULL GROUP BY _reference, _kind HAVING COUNT(DISTINCT _source) > 1)`;

export const CHECKS: Record<QualityCheckId, CheckDef> = {
  rows_per_source: { label: 'Rows per source', severity: 'info', where: () => null },
  unmatched_products: {
    label: 'Rows with an unmatched product id',
    severity: 'warning',
    where: (d) => (d.roles.product ? 'x.product_id IS NULL' : '0'),
    example: `COALESCE(t._source || ': ' || t._product_raw, t._source || ': (no product id)')`,
  },
  missing_rates: {
    label: 'Amounts without a rate for their date',
    severity: 'error',
    where: () => `t._rate_flag = 'no_rate'`,
    example: `t._currency_orig || ' on ' || COALESCE(t._date, '(no date)')`,
  },
  fallback_rates: {
    label: "Amounts using the previous business day's rate",
    severity: 'info',
    where: () => `t._rate_flag = 'fallback'`,
    example: `t._date || ' → ' || t._rate_date`,
  },
  unknown_currencies: {
    label: 'Amounts in an unknown currency',
    severity: 'error',
    where: () => `t._rate_flag = 'unknown_currency'`,
    example: `COALESCE(t._currency_orig, '(no currency)')`,
  },
  cross_source_duplicates: {
    label: 'Same reference in two sources',
    severity: 'warning',
    where: DUPLICATE,
    example: `t._reference`,
  },
  schema_changes: {
    label: 'Expected source field missing (schema change?)',
    severity: 'error',
    where: () => `t._missing IS NOT NULL`,
    example: `t._source || ': ' || t._missing`,
  },
  mapping_errors: {
    label: 'Rows with mapping or parse errors',
    severity: 'warning',
    where: () => `t._errors IS NOT NULL`,
    example: `t._errors`,
  },
};

const FROM = (d: Dataset) =>
  `${q(tableName(d.id))} t LEFT JOIN xref x ON x.dataset_id = ? AND x.system = t._product_system AND x.key = t._product_key`;

export function qualityReport(
  db: DatasetDatabase,
  dataset: Dataset,
  filters: Partial<DatasetFilters> = {},
): QualityReport {
  const entries = Object.entries(CHECKS) as [QualityCheckId, CheckDef][];
  const w = whereFilters(filters);
  const sums = entries.map(
    ([id, def], i) => `SUM(CASE WHEN ${def.where(dataset) ?? '1'} THEN 1 ELSE 0 END) AS c${i} /* ${id} */`,
  );
  const perSource = db
    .prepare(`SELECT t._source AS s, ${sums.join(', ')} FROM ${FROM(dataset)} ${w.sql} GROUP BY t._source`)
    .all(dataset.id, ...w.params) as Record<string, number | string>[];
  let rows = 0;
  const checks = entries.map(([id, def], i): QualityCheck => {
    const bySource: Record<string, number> = Object.fromEntries(dataset.sources.map((s) => [s.id, 0]));
    for (const r of perSource) bySource[String(r.s)] = Number(r[`c${i}`] ?? 0);
    const count = Object.values(bySource).reduce((a, b) => a + b, 0);
    if (id === 'rows_per_source') rows = count;
    let examples: string[] = [];
    if (def.example && count > 0) {
      const ew = whereFilters(filters, [def.where(dataset)!]);
      examples = (
        db
          .prepare(`SELECT DISTINCT ${def.example} AS e FROM ${FROM(dataset)} ${ew.sql} LIMIT 8`)
          .pluck()
          .all(dataset.id, ...ew.params) as (string | null)[]
      ).filter((e): e is string => e !== null);
    }
    return { id, label: def.label, count, severity: count === 0 ? 'info' : def.severity, bySource, examples };
  });
  return { datasetId: dataset.id, rows, checks };
}

/** The rows behind a check's number, through the same predicate. */
export function qualityRows(
  queries: DatasetQueries,
  dataset: Dataset,
  check: QualityCheckId,
  filters: Partial<DatasetFilters> = {},
): RowPage {
  const predicate = CHECKS[check].where(dataset);
  return queries.rows(filters, predicate ? [predicate] : []);
}
