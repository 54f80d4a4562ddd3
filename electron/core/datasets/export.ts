import type { Dataset, DatasetFilters, SeriesName } from '../../../shared/models/datasets';
import { writeFileAtomically, type SinkOptions } from '../logs/export/file-sink';
import { csvLine } from './csv';
import type { DatasetDatabase } from './db';
import { whereFilters } from './filters';
import type { DatasetQueries } from './queries';
import { rowSelect, toRowDto, xrefJoin } from './row-dto';
import { q, tableName } from './table';

/** Header and cells of a dataset row as exported: declared columns, then lineage and normalization. */
export function rowCsvHeader(dataset: Dataset): string[] {
  return [
    ...dataset.columns.map((c) => c.name),
    'source',
    'source_record_id',
    'fetched_at',
    'date',
    'iso_week',
    'month',
    'original_amount',
    'original_currency',
    `amount_${dataset.reportingCurrency}`,
    'rate',
    'rate_date',
    'rate_flag',
    'product_id',
    'canonical_product',
    'quantity_base_units',
    'missing_fields',
    'errors',
  ];
}

function rowCells(dataset: Dataset, r: Record<string, unknown>): unknown[] {
  const d = toRowDto(dataset, r);
  return [
    ...dataset.columns.map((c) => d.values[c.name]),
    d.sourceId,
    d.recordId,
    d.fetchedAt,
    d.date,
    r._week,
    r._month,
    d.originalAmount,
    d.originalCurrency,
    d.amount,
    d.rate,
    d.rateDate,
    d.rateFlag,
    d.productKey,
    d.canonicalProduct,
    d.quantity,
    d.missingFields.join(' '),
    d.errors.join(' | '),
  ];
}

/** The whole dataset (optionally filtered) to a file, streamed row by row; a failure leaves no partial file. */
export async function exportDatasetCsv(
  db: DatasetDatabase,
  dataset: Dataset,
  out: string,
  filters: Partial<DatasetFilters> = {},
  options: SinkOptions = {},
): Promise<{ rows: number; bytes: number }> {
  const w = whereFilters(filters);
  const stmt = db.prepare(
    `SELECT ${rowSelect(dataset)} FROM ${q(tableName(dataset.id))} t ${xrefJoin()} ${w.sql} ORDER BY t._date, t._source, t._seq`,
  );
  let rows = 0;
  const bytes = await writeFileAtomically(
    out,
    async (sink) => {
      await sink.write(csvLine(rowCsvHeader(dataset)));
      let chunk = '';
      // iterate() keeps one row in memory; writes are grouped so the stream is not called 500k times.
      for (const r of stmt.iterate(dataset.id, ...w.params) as Iterable<Record<string, unknown>>) {
        chunk += csvLine(rowCells(dataset, r));
        rows++;
        if (chunk.length > 256_000) {
          await sink.write(chunk);
          chunk = '';
        }
      }
      if (chunk) await sink.write(chunk);
    },
    options,
  );
  return { rows, bytes };
}

/** One dashboard series as CSV text (what a chart's "Export CSV" saves). */
export function seriesCsv(
  db: DatasetDatabase,
  queries: DatasetQueries,
  dataset: Dataset,
  name: SeriesName,
  filters: Partial<DatasetFilters> = {},
): string {
  switch (name) {
    case 'kpis': {
      const k = queries.kpis(filters);
      return [
        csvLine(['metric', 'value', 'currency']),
        csvLine(['revenue', k.revenue, k.currency]),
        csvLine(['orders', k.orders, '']),
        csvLine(['invoices', k.invoices, '']),
        csvLine(['order_revenue', k.orderRevenue, k.currency]),
        csvLine(['average_order_value', k.averageOrderValue, k.currency]),
        csvLine(['rows', k.rows, '']),
        csvLine(['unconverted_rows', k.unconvertedRows, '']),
      ].join('');
    }
    case 'revenue': {
      const s = queries.revenueSeries(filters);
      const lines = [csvLine([s.granularity, 'source', 'label', `revenue_${s.currency}`, 'rows'])];
      for (const bucket of s.buckets)
        for (const series of s.series) {
          const p = series.points.find((x) => x.bucket === bucket)!;
          lines.push(csvLine([bucket, series.sourceId, series.label, p.value, p.rows]));
        }
      return lines.join('');
    }
    case 'top_products': {
      const t = queries.topProducts(filters, filters.limit ?? 100);
      return [
        csvLine(['product_id', 'name', `revenue_${t.currency}`, 'quantity', 'rows']),
        ...t.items.map((i) => csvLine([i.productId, i.name, i.revenue, i.quantity, i.rows])),
        csvLine(['', '(unmatched)', t.unmatched.revenue, '', t.unmatched.rows]),
      ].join('');
    }
    case 'reconciliation': {
      const r = queries.reconciliation(filters, 100_000);
      return [
        csvLine(['reference', 'status', `order_amount_${r.currency}`, `invoice_amount_${r.currency}`, 'difference']),
        ...r.lines.map((l) => csvLine([l.reference, l.status, l.orderAmount, l.invoiceAmount, l.difference])),
      ].join('');
    }
    case 'rows': {
      const w = whereFilters(filters);
      const rows = db
        .prepare(
          `SELECT ${rowSelect(dataset)} FROM ${q(tableName(dataset.id))} t ${xrefJoin()} ${w.sql} ORDER BY t._date, t._source, t._seq LIMIT ? OFFSET ?`,
        )
        .all(dataset.id, ...w.params, filters.limit ?? 10_000, filters.offset ?? 0) as Record<string, unknown>[];
      return [csvLine(rowCsvHeader(dataset)), ...rows.map((r) => csvLine(rowCells(dataset, r)))].join('');
    }
  }
}
