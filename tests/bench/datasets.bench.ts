import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DatasetService, memoryDefinitionStore, type SourceOpener } from '../../electron/core/datasets';
import { salesOverviewDemo } from '../../electron/demo/sales-overview';
import { generateInvoice } from '../../electron/sandbox/billing/records';
import { businessDaysDesc } from '../../electron/sandbox/rates/calendar';
import { ratesForDay } from '../../electron/sandbox/rates/rates';
import { generateOrder } from '../../electron/sandbox/shop/records';
import type { SourcePage } from '../../electron/core/sync/ports';
import type { Dataset } from '../../shared/models/datasets';

/**
 * Datasets at scale: a full refresh of the "Sales overview" definition plus a third,
 * flat point-of-sale source — 500,000 dataset rows in all (shop line items, invoice lines, till
 * receipts) — through the real mapping, normalization (ECB rates, Paris days, cross-reference) and
 * SQLite upserts; then dashboard query latency over the result. Records come from the sandbox's
 * own generators in-process, so the figure is the dataset engine's, not the loopback HTTP's.
 */
interface Figure {
  bench: 'datasets';
  figure: string;
  value: number;
  unit: string;
  note?: string;
}

const TOTAL = Number(process.env.DATASETS_BENCH_ROWS ?? 500_000);
const SEED = 20240611;
const PAGE = 250;

/** Pages of generated records until `rows` dataset rows (after exploding `itemsOf`) are reached. */
function generated(
  make: (i: number) => Record<string, unknown>,
  itemsOf: (r: Record<string, unknown>) => number,
  rows: number,
  idOf: (r: Record<string, unknown>) => string,
) {
  return {
    incremental: false,
    reader: {
      async *read(): AsyncIterable<SourcePage> {
        let produced = 0;
        let i = 0;
        while (produced < rows) {
          const records = [];
          for (let k = 0; k < PAGE && produced < rows; k++, i++) {
            const data = make(i);
            produced += itemsOf(data);
            records.push({ id: idOf(data), data });
          }
          yield { cursor: null, records };
        }
      },
    },
  };
}

const SKUS = ['TSH-RED-M', 'HOOD-GREY-L', 'MUG-WHITE', 'CAP-SAND', 'BAG-NATURAL', 'NB-A5', 'LEGACY-1'];

export default async function* bench(): AsyncGenerator<Figure> {
  const dir = mkdtempSync(join(tmpdir(), 'patchbay-bench-datasets-'));
  const share = Math.floor(TOTAL * 0.4);
  const opener: SourceOpener = async (connectionId) => {
    switch (connectionId) {
      case 'shop':
        return generated(
          (i) => generateOrder(SEED, i, 8),
          (r) => (r.line_items as unknown[]).length,
          share,
          (r) => String(r.id),
        );
      case 'billing':
        return generated(
          (i) => ({ ...generateInvoice(SEED, i, 500) }),
          (r) => (r.lines as { data: unknown[] }).data.length,
          share,
          (r) => String(r.id),
        );
      case 'pos':
        return generated(
          (i) => ({
            id: `r${i}`,
            receipt: `R-${i}`,
            at: new Date(Date.UTC(2022, 0, 1) + i * 45_000).toISOString(),
            sku: SKUS[i % SKUS.length],
            qty: 1 + (i % 3),
            total: `${(5 + (i % 40)).toFixed(0)}.${String(i % 100).padStart(2, '0')}`,
            cur: i % 5 === 0 ? 'GBP' : 'EUR',
          }),
          () => 1,
          TOTAL - 2 * share,
          (r) => String(r.id),
        );
      case 'rates':
        return {
          incremental: false,
          reader: {
            async *read(): AsyncIterable<SourcePage> {
              const records = [];
              for (const day of businessDaysDesc('2021-11-01', '2023-12-31'))
                for (const [currency, rate] of ratesForDay(SEED, day))
                  records.push({ id: `${day}${currency}`, data: { time: day, currency, rate } });
              yield { cursor: null, records };
            },
          },
        };
      default:
        throw new Error(`bench: no connection ${connectionId}`);
    }
  };

  const service = new DatasetService({ dataDir: dir, definitions: memoryDefinitionStore(), openSource: opener });
  try {
    const { dataset, xref } = salesOverviewDemo({
      shopConnectionId: 'shop',
      billingConnectionId: 'billing',
      ratesConnectionId: 'rates',
    });
    const def = dataset as Dataset;
    const copy = (target: string, source = target) => ({ id: target, target, sources: [source] });
    def.sources = [
      ...def.sources!,
      {
        id: 'pos',
        label: 'Till receipts',
        kind: 'order',
        connectionId: 'pos',
        resource: 'receipts',
        incremental: false,
        enabled: true,
        rules: [
          copy('reference', 'receipt'),
          copy('ordered_at', 'at'),
          copy('product_id', 'sku'),
          copy('quantity', 'qty'),
          copy('amount', 'total'),
          copy('currency', 'cur'),
        ],
      },
    ] as Dataset['sources'];
    const id = service.save(def).id;
    service.xref.upsert(id, [
      ...xref,
      ...SKUS.slice(0, 6).map((s) => ({ system: 'pos', externalId: s, productId: s })),
    ]);

    const t0 = performance.now();
    const result = await service.refresh(id);
    const seconds = (performance.now() - t0) / 1000;
    const failed = result.sources.filter((s) => s.error);
    if (failed.length) throw new Error(`refresh failed: ${failed.map((s) => s.error!.message).join('; ')}`);
    yield {
      bench: 'datasets',
      figure: 'refresh_rows_per_s',
      value: Math.round(result.rows / seconds),
      unit: '1/s',
      note: `${result.rows} rows from 3 sources (${result.sources.map((s) => `${s.sourceId} ${s.rows}`).join(', ')}) in ${seconds.toFixed(1)} s`,
    };
    yield { bench: 'datasets', figure: 'refresh_rows', value: result.rows, unit: 'rows' };

    const latency = (fn: () => unknown, runs = 7): number => {
      fn(); // warm the page cache and statement compilation
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const s = performance.now();
        fn();
        times.push(performance.now() - s);
      }
      return Math.round(times.sort((a, b) => a - b)[Math.floor(runs / 2)]! * 10) / 10;
    };
    yield {
      bench: 'datasets',
      figure: 'kpis_ms',
      value: latency(() => service.kpis(id)),
      unit: 'ms',
      note: 'median of 7, whole dataset',
    };
    yield {
      bench: 'datasets',
      figure: 'revenue_per_day_ms',
      value: latency(() => service.series(id, { granularity: 'day' })),
      unit: 'ms',
    };
    yield {
      bench: 'datasets',
      figure: 'revenue_per_week_ms',
      value: latency(() => service.series(id, { granularity: 'week' })),
      unit: 'ms',
    };
    yield { bench: 'datasets', figure: 'top_products_ms', value: latency(() => service.topProducts(id)), unit: 'ms' };
    yield {
      bench: 'datasets',
      figure: 'kpis_filtered_ms',
      value: latency(() => service.kpis(id, { from: '2022-01-10', to: '2022-01-20', sources: ['shop', 'pos'] })),
      unit: 'ms',
      note: '10 days, 2 sources',
    };
    yield { bench: 'datasets', figure: 'quality_report_ms', value: latency(() => service.quality(id), 3), unit: 'ms' };
    yield {
      bench: 'datasets',
      figure: 'reconciliation_ms',
      value: latency(() => service.reconciliation(id), 3),
      unit: 'ms',
    };

    const e0 = performance.now();
    const exported = await service.exportCsv(id, join(dir, 'export.csv'));
    yield {
      bench: 'datasets',
      figure: 'export_rows_per_s',
      value: Math.round(exported.rows / ((performance.now() - e0) / 1000)),
      unit: '1/s',
      note: `${(exported.bytes / 1e6).toFixed(0)} MB`,
    };
  } finally {
    service.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
