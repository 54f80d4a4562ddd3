import Big from 'big.js';
import { minorUnitExponent } from '../../../shared/transforms/currencies';
import type {
  Dataset,
  DatasetFilters,
  Kpis,
  Reconciliation,
  RowPage,
  Series,
  TopProducts,
} from '../../../shared/models/datasets';
import type { DatasetDatabase } from './db';
import { whereFilters } from './filters';
import { BUCKET_COLUMN } from './normalize/buckets';
import { minorToDecimal, QTY_SCALE } from './normalize/decimal';
import { rowSelect, toRowDto, xrefJoin } from './row-dto';
import { q, tableName } from './table';

/**
 * Dashboard aggregates. Sums run in SQL over INTEGER minor units with safeIntegers (BigInt), so
 * totals are exact; rows whose amount could not be converted have NULL there and are never summed
 * — they are counted instead (unconvertedRows) and listed by the quality checks.
 */
type Bigs = Record<string, bigint | string | null>;

/** One row per source record: the unexploded row, or an exploded record's first element. */
const FIRST_OF_RECORD = `(t._child_index IS NULL OR t._child_index = 0)`;

export class DatasetQueries {
  constructor(
    private readonly db: DatasetDatabase,
    private readonly dataset: Dataset,
  ) {}

  private get t(): string {
    return `${q(tableName(this.dataset.id))} t`;
  }

  private money(minor: bigint | null | undefined): string {
    return minorToDecimal(minor ?? 0n, minorUnitExponent(this.dataset.reportingCurrency));
  }

  rows(filters: Partial<DatasetFilters>, extraWhere: string[] = [], extraParams: unknown[] = []): RowPage {
    const w = whereFilters(filters, extraWhere);
    const params = [...extraParams, ...w.params];
    const total = this.db
      .prepare(`SELECT COUNT(*) FROM ${this.t} ${xrefJoin()} ${w.sql}`)
      .pluck()
      .get(this.dataset.id, ...params) as number;
    const rows = this.db
      .prepare(
        `SELECT ${rowSelect(this.dataset)} FROM ${this.t} ${xrefJoin()} ${w.sql} ORDER BY t._date, t._source, t._seq LIMIT ? OFFSET ?`,
      )
      .all(this.dataset.id, ...params, filters.limit ?? 100, filters.offset ?? 0) as Record<string, unknown>[];
    return { total, rows: rows.map((r) => toRowDto(this.dataset, r, filters.granularity)) };
  }

  kpis(filters: Partial<DatasetFilters>): Kpis {
    const w = whereFilters(filters);
    const r = this.db
      .prepare(
        `SELECT COUNT(*) AS rows,
                SUM(t._amount_minor) AS revenue,
                SUM(CASE WHEN t._kind = 'order' THEN t._amount_minor END) AS orderRevenue,
                SUM(t._kind = 'order' AND ${FIRST_OF_RECORD}) AS orders,
                SUM(t._kind = 'invoice' AND ${FIRST_OF_RECORD}) AS invoices,
                SUM(CASE WHEN t._rate_flag IN ('no_rate', 'unknown_currency') THEN 1 ELSE 0 END) AS unconverted
         FROM ${this.t} ${w.sql}`,
      )
      .safeIntegers(true)
      .get(...w.params) as Bigs;
    const orders = Number(r.orders ?? 0n);
    const exponent = minorUnitExponent(this.dataset.reportingCurrency);
    const orderRevenue = BigInt(r.orderRevenue ?? 0n);
    return {
      currency: this.dataset.reportingCurrency,
      revenue: this.money(r.revenue as bigint | null),
      orders,
      invoices: Number(r.invoices ?? 0n),
      orderRevenue: this.money(orderRevenue),
      averageOrderValue:
        orders === 0
          ? null
          : new Big(orderRevenue.toString())
              .div(orders)
              .div(new Big(10).pow(exponent))
              .round(exponent, Big.roundHalfUp)
              .toFixed(exponent),
      rows: Number(r.rows ?? 0n),
      unconvertedRows: Number(r.unconverted ?? 0n),
    };
  }

  revenueSeries(filters: Partial<DatasetFilters>): Series {
    const granularity = filters.granularity ?? this.dataset.granularity;
    const col = BUCKET_COLUMN[granularity];
    const w = whereFilters(filters, [`t.${col} IS NOT NULL`]);
    const rows = this.db
      .prepare(
        `SELECT t.${col} AS bucket, t._source AS source, SUM(t._amount_minor) AS minor, COUNT(*) AS n FROM ${this.t} ${w.sql} GROUP BY t.${col}, t._source ORDER BY t.${col}`,
      )
      .safeIntegers(true)
      .all(...w.params) as { bucket: string; source: string; minor: bigint | null; n: bigint }[];
    const buckets = [...new Set(rows.map((r) => r.bucket))];
    const labels = new Map(this.dataset.sources.map((s) => [s.id, s.label]));
    const bySource = new Map<string, Map<string, { minor: bigint | null; n: bigint }>>();
    for (const r of rows) {
      let m = bySource.get(r.source);
      if (!m) bySource.set(r.source, (m = new Map()));
      m.set(r.bucket, r);
    }
    const order = [
      ...this.dataset.sources.map((s) => s.id).filter((id) => bySource.has(id)),
      ...[...bySource.keys()].filter((id) => !labels.has(id)),
    ];
    return {
      metric: 'revenue',
      granularity,
      currency: this.dataset.reportingCurrency,
      buckets,
      series: order.map((sourceId) => ({
        sourceId,
        label: labels.get(sourceId) ?? sourceId,
        // Every bucket present in every series (0 where a source had nothing), so charts stack cleanly.
        points: buckets.map((bucket) => {
          const hit = bySource.get(sourceId)!.get(bucket);
          return { bucket, value: this.money(hit?.minor ?? 0n), rows: Number(hit?.n ?? 0n) };
        }),
      })),
    };
  }

  topProducts(filters: Partial<DatasetFilters>, limit = 10): TopProducts {
    const w = whereFilters(filters);
    // Aggregate per (system, id) first — a few hundred groups — then join the cross-reference.
    const grouped = this.db
      .prepare(
        `WITH per AS (SELECT t._product_system AS sys, t._product_key AS k, SUM(t._amount_minor) AS minor, SUM(t._qty_milli) AS qty, COUNT(*) AS n
                      FROM ${this.t} ${w.sql} GROUP BY t._product_system, t._product_key)
         SELECT x.product_id AS id, MAX(x.product_name) AS name, SUM(per.minor) AS minor, SUM(per.qty) AS qty, SUM(per.n) AS n
         FROM per LEFT JOIN xref x ON x.dataset_id = ? AND x.system = per.sys AND x.key = per.k
         GROUP BY x.product_id ORDER BY (x.product_id IS NULL), SUM(per.minor) DESC NULLS LAST, x.product_id`,
      )
      .safeIntegers(true)
      .all(...w.params, this.dataset.id) as {
      id: string | null;
      name: string | null;
      minor: bigint | null;
      qty: bigint | null;
      n: bigint;
    }[];
    const unmatched = grouped.find((g) => g.id === null);
    return {
      currency: this.dataset.reportingCurrency,
      items: grouped
        .filter((g) => g.id !== null)
        .slice(0, limit)
        .map((g) => ({
          productId: g.id!,
          name: g.name || g.id!,
          revenue: this.money(g.minor),
          quantity: trim(minorToDecimal(g.qty ?? 0n, QTY_SCALE)),
          rows: Number(g.n),
        })),
      unmatched: { rows: Number(unmatched?.n ?? 0n), revenue: this.money(unmatched?.minor) },
    };
  }

  reconciliation(filters: Partial<DatasetFilters>, limit = 500): Reconciliation {
    const w = whereFilters(filters, ['t._reference IS NOT NULL']);
    const cte = `WITH agg AS (
        SELECT t._reference AS ref, t._kind AS kind, SUM(t._amount_minor) AS minor, SUM(t._amount_minor IS NULL AND t._amount_orig IS NOT NULL) AS unconverted
        FROM ${this.t} ${w.sql} AND t._kind IN ('order', 'invoice') GROUP BY t._reference, t._kind),
      o AS (SELECT * FROM agg WHERE kind = 'order'), i AS (SELECT * FROM agg WHERE kind = 'invoice'),
      rec AS (
        SELECT o.ref AS ref, o.minor AS om, i.minor AS im, o.unconverted AS ou, NULL AS iu, CASE WHEN i.ref IS NULL THEN 'order_only' END AS st FROM o LEFT JOIN i ON i.ref = o.ref
        UNION ALL
        SELECT i.ref, NULL, i.minor, NULL, i.unconverted, 'invoice_only' FROM i WHERE NOT EXISTS (SELECT 1 FROM o WHERE o.ref = i.ref)),
      lines AS (
        SELECT ref, om, im, COALESCE(st, CASE WHEN om IS NOT NULL AND im IS NOT NULL AND om = im AND COALESCE(ou, 0) = 0 THEN 'matched' ELSE 'amount_differs' END) AS status FROM rec)`;
    const sum = this.db.prepare(`${cte} SELECT status, COUNT(*) AS n FROM lines GROUP BY status`).all(...w.params) as {
      status: string;
      n: number;
    }[];
    const count = (s: string) => sum.find((x) => x.status === s)?.n ?? 0;
    const lines = this.db
      .prepare(
        `${cte} SELECT ref, om, im, status FROM lines ORDER BY CASE status WHEN 'amount_differs' THEN 0 WHEN 'order_only' THEN 1 WHEN 'invoice_only' THEN 2 ELSE 3 END, ref LIMIT ?`,
      )
      .safeIntegers(true)
      .all(...w.params, limit) as {
      ref: string;
      om: bigint | null;
      im: bigint | null;
      status: Reconciliation['lines'][number]['status'];
    }[];
    return {
      currency: this.dataset.reportingCurrency,
      summary: {
        matched: count('matched'),
        amountDiffers: count('amount_differs'),
        orderOnly: count('order_only'),
        invoiceOnly: count('invoice_only'),
      },
      lines: lines.map((l) => ({
        reference: l.ref,
        status: l.status,
        orderAmount: l.om === null ? null : this.money(l.om),
        invoiceAmount: l.im === null ? null : this.money(l.im),
        difference: l.om !== null && l.im !== null ? this.money(l.im - l.om) : null,
      })),
    };
  }
}

function trim(decimal: string): string {
  return decimal.includes('.') ? decimal.replace(/0+$/, '').replace(/\.$/, '') : decimal;
}
