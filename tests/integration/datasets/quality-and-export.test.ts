import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DatasetService, memoryDefinitionStore, parseCsv, type SourceOpener } from '../../../electron/core/datasets';
import type { SourceRecord } from '../../../electron/core/sync/ports';
import type { DatasetInput } from '../../../shared/models/datasets';
import { makeTempDir } from '../../helpers/tmp';

/**
 * The bad-input paths of datasets with hand-made sources (real SQLite, no HTTP): an unknown
 * currency, the same reference in two sources, a field that vanished from the source, packs vs
 * units, orders vs invoices, and the exports.
 */
type Rec = Record<string, unknown>;
let data: Record<string, Rec[]>;
let service: DatasetService;
let dir: string;
let cleanup: () => void;

const opener: SourceOpener = async (connectionId) => ({
  incremental: false,
  reader: {
    async *read() {
      yield {
        cursor: null,
        records: (data[connectionId] ?? []).map((d): SourceRecord => ({ id: String(d.id), data: d })),
      };
    },
  },
});

const copy = (target: string, source = target) => ({ id: target, target, sources: [source] });
const definition: DatasetInput = {
  id: 'sales',
  name: 'Sales',
  reportingCurrency: 'EUR',
  timezone: 'Europe/Paris',
  granularity: 'week',
  columns: [
    { name: 'ref', type: 'string' },
    { name: 'at', type: 'datetime' },
    { name: 'sku', type: 'string' },
    { name: 'qty', type: 'number', format: 'decimal' },
    { name: 'unit', type: 'string' },
    { name: 'total', type: 'money' },
    { name: 'cur', type: 'string' },
  ],
  roles: {
    date: 'at',
    amount: 'total',
    currency: 'cur',
    quantity: 'qty',
    unit: 'unit',
    product: 'sku',
    reference: 'ref',
  },
  sources: [
    {
      id: 'web',
      label: 'Web shop',
      kind: 'order',
      connectionId: 'web',
      resource: 'orders',
      rules: ['ref', 'at', 'sku', 'qty', 'total', 'cur'].map((f) => copy(f)),
    },
    {
      id: 'pos',
      label: 'Shop till',
      kind: 'order',
      connectionId: 'pos',
      resource: 'sales',
      rules: [copy('ref', 'receipt'), copy('at'), copy('sku'), copy('qty'), copy('unit'), copy('total'), copy('cur')],
    },
    {
      id: 'erp',
      label: 'ERP invoices',
      kind: 'invoice',
      connectionId: 'erp',
      resource: 'invoices',
      rules: [copy('ref', 'order_ref'), copy('at', 'date'), copy('sku'), copy('qty'), copy('total'), copy('cur')],
    },
  ],
  rateSource: { kind: 'fixed', base: 'EUR', rates: [{ currency: 'USD', rate: '1.25' }] },
  unitConversions: [{ unit: 'pack6', factor: '6' }],
};

beforeEach(() => {
  ({ dir, cleanup } = makeTempDir('patchbay-datasets-q-'));
  data = {
    web: [
      { id: 1, ref: 'A-1', at: '2026-12-31T10:00:00+01:00', sku: 'mug', qty: 2, total: '20.00', cur: 'EUR' },
      { id: 2, ref: 'A-2', at: '2027-01-01T10:00:00+01:00', sku: 'cap', qty: 1, total: '10.00', cur: 'USD' },
      { id: 3, ref: 'A-3', at: '2027-01-04T10:00:00+01:00', sku: 'MUG ', qty: 1, total: '99.00', cur: 'ARS' },
      { id: 4, ref: 'A-4', at: '2027-01-05T10:00:00+01:00', sku: 'tote', qty: 1, total: '=1+1', cur: 'EUR' },
    ],
    pos: [
      {
        id: 'p1',
        receipt: 'A-1',
        at: '2026-12-31T12:00:00+01:00',
        sku: 'MUG',
        qty: 2,
        unit: 'pack6',
        total: '-5.50',
        cur: 'EUR',
      },
      // No "sku" key at all: the till stopped sending it.
      { id: 'p2', receipt: 'P-9', at: '2027-01-02T12:00:00+01:00', qty: 1, unit: 'unit', total: '3.00', cur: 'EUR' },
    ],
    erp: [
      { id: 'i1', order_ref: 'A-1', date: '2026-12-31', sku: 'MUG', qty: 2, total: '20.00', cur: 'EUR' },
      { id: 'i2', order_ref: 'A-2', date: '2027-01-01', sku: 'CAP', qty: 1, total: '9.00', cur: 'EUR' },
      { id: 'i3', order_ref: 'Z-7', date: '2027-01-03', sku: 'CAP', qty: 1, total: '12.00', cur: 'EUR' },
    ],
  };
  service = new DatasetService({
    dataDir: dir,
    definitions: memoryDefinitionStore(),
    openSource: opener,
    clock: () => new Date('2027-02-01T00:00:00Z'),
  });
  service.save(definition);
  service.xref.upsert('sales', [
    { system: 'web', externalId: 'MUG', productId: 'mug', productName: 'Enamel mug' },
    { system: 'pos', externalId: 'MUG', productId: 'mug', productName: 'Enamel mug' },
    { system: 'erp', externalId: 'MUG', productId: 'mug', productName: 'Enamel mug' },
    { system: 'erp', externalId: 'CAP', productId: 'cap', productName: 'Canvas cap' },
  ]);
});
afterEach(() => {
  service.close();
  cleanup();
});

describe('quality checks on bad input', () => {
  it('flags unknown currencies, duplicates across sources, schema changes and unmatched ids — and keeps them out of totals', async () => {
    const r = await service.refresh('Sales');
    expect(r.sources.map((s) => s.error)).toEqual([null, null, null]);
    const q = Object.fromEntries(service.quality('sales').checks.map((c) => [c.id, c]));
    expect(q.rows_per_source!.bySource).toEqual({ web: 4, pos: 2, erp: 3 });
    expect(q.unknown_currencies).toMatchObject({ count: 1, examples: ['ARS'], severity: 'error' });
    // A-1 is an order in "web" and in "pos": both rows are flagged; its invoice in "erp" is a match, not a duplicate.
    expect(q.cross_source_duplicates).toMatchObject({
      count: 2,
      bySource: { web: 1, pos: 1, erp: 0 },
      examples: ['A-1'],
    });
    expect(q.schema_changes).toMatchObject({ count: 1, bySource: { pos: 1 }, examples: ['pos: ["sku"]'] });
    expect(q.unmatched_products!.count).toBe(3); // CAP is mapped for erp only; "MUG " and "mug" match MUG
    expect(q.unmatched_products!.examples.sort()).toEqual(['pos: (no product id)', 'web: cap', 'web: tote']);
    expect(q.mapping_errors!.count).toBe(1); // "=1+1" is not an amount
    expect(service.qualityRows('sales', 'unknown_currencies').rows[0]).toMatchObject({
      originalAmount: '99.00',
      originalCurrency: 'ARS',
      amount: null,
      rateFlag: 'unknown_currency',
    });

    const k = service.kpis('sales');
    // 20 + 10/1.25 + (-5.50) + 3 (orders) + 20 + 9 + 12 (invoices); ARS never summed.
    expect(k).toMatchObject({
      revenue: '66.50',
      orderRevenue: '25.50',
      orders: 6,
      invoices: 3,
      unconvertedRows: 1,
      rows: 9,
    });
    expect(k.averageOrderValue).toBe('4.25');
  });

  it('normalizes packs into units, buckets ISO weeks across the year end, and answers dashboard queries', async () => {
    await service.refresh('sales');
    const top = service.topProducts('sales');
    // 2 + 1 + 2 packs of 6 + 2; the ARS row counts in rows and quantity but not in revenue.
    expect(top.items[0]).toMatchObject({
      productId: 'mug',
      name: 'Enamel mug',
      revenue: '34.50',
      quantity: '17',
      rows: 4,
    });
    expect(top.unmatched.rows).toBe(3);
    const series = service.series('sales');
    expect(series.buckets).toEqual(['2026-W53', '2027-W01']);
    expect(series.series.map((s) => s.sourceId)).toEqual(['web', 'pos', 'erp']);
    expect(series.series.find((s) => s.sourceId === 'erp')!.points.map((p) => p.value)).toEqual(['41.00', '0.00']);
    expect(service.series('sales', { granularity: 'day', from: '2027-01-01', to: '2027-01-02' }).buckets).toEqual([
      '2027-01-01',
      '2027-01-02',
    ]);
    expect(service.kpis('sales', { from: '2027-01-03', sources: ['erp'] }).revenue).toBe('12.00');

    const rec = service.reconciliation('sales');
    expect(rec.summary).toEqual({ matched: 0, amountDiffers: 2, orderOnly: 3, invoiceOnly: 1 });
    expect(rec.lines.find((l) => l.reference === 'A-2')).toMatchObject({
      orderAmount: '8.00',
      invoiceAmount: '9.00',
      difference: '1.00',
      status: 'amount_differs',
    });
    expect(rec.lines.find((l) => l.reference === 'Z-7')).toMatchObject({ status: 'invoice_only' });
  });

  it('applies cross-reference edits and new fixed rates to stored rows without calling a source', async () => {
    await service.refresh('sales');
    data = {};
    expect(
      service.xref.importCsv('sales', 'system,external_id,product_id,product_name\nweb,CAP,cap,Canvas cap\n'),
    ).toEqual({ imported: 1, errors: [] });
    expect(service.topProducts('sales').items.map((i) => i.productId)).toEqual(['mug', 'cap']);
    service.rates.setFixed('sales', [
      { currency: 'USD', rate: '2' },
      { currency: 'ARS', rate: '10' },
    ]);
    expect(service.kpis('sales')).toMatchObject({ revenue: '73.40', unconvertedRows: 0 }); // 10/2 = 5, 99/10 = 9.90
    expect(service.rates.list('sales').map((r) => r.currency)).toEqual(['USD', 'ARS']);
  });

  it('rebuilds the table when the definition changes shape, and refuses a second refresh at once', async () => {
    await service.refresh('sales');
    const d = service.get('sales');
    service.save({ ...d, timezone: 'America/New_York' });
    expect(service.list()[0]!.rows).toBe(0);
    const [a, b] = await Promise.allSettled([service.refresh('sales'), service.refresh('sales')]);
    expect(a.status).toBe('fulfilled');
    expect(b).toMatchObject({ status: 'rejected', reason: { code: 'sync_busy' } });
    expect(service.query('sales', { sources: ['web'], limit: 1 }).rows[0]).toMatchObject({
      date: '2026-12-31',
      values: { ref: 'A-1' },
    });
  });
});

describe('CSV exports', () => {
  it('exports the whole dataset streamed to a file, RFC 4180 with the formula guard', async () => {
    await service.refresh('sales');
    const out = join(dir, 'sales.csv');
    expect(await service.exportCsv('sales', out)).toMatchObject({ rows: 9 });
    const rows = parseCsv(readFileSync(out, 'utf8'));
    expect(rows[0]!.fields.slice(0, 7)).toEqual(['ref', 'at', 'sku', 'qty', 'unit', 'total', 'cur']);
    expect(rows[0]!.fields).toContain('amount_EUR');
    expect(rows).toHaveLength(10);
    const tote = rows.find((r) => r.fields[2] === 'tote')!;
    expect(tote.fields[5]).toBe("'=1+1");
    expect(rows.find((r) => r.fields[0] === 'A-1' && r.fields[5] === '-5.50')).toBeDefined();
  });

  it('leaves no partial file when the write fails', async () => {
    await service.refresh('sales');
    const out = join(dir, 'broken.csv');
    const failing = () =>
      new Writable({
        write(_chunk, _enc, cb) {
          cb(Object.assign(new Error('no space'), { code: 'ENOSPC' }));
        },
      });
    await expect(service.exportCsv('sales', out, undefined, { openStream: failing })).rejects.toMatchObject({
      code: 'io_error',
      message: expect.stringContaining('disk is full'),
    });
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes('broken'))).toEqual([]);
  });

  it('exports each dashboard series as CSV', async () => {
    await service.refresh('sales');
    const revenue = parseCsv(service.exportSeriesCsv('sales', 'revenue')).map((r) => r.fields);
    expect(revenue[0]).toEqual(['week', 'source', 'label', 'revenue_EUR', 'rows']);
    // ISO week 2026-W53 runs from Monday 28 December 2026 to Sunday 3 January 2027.
    expect(revenue).toContainEqual(['2026-W53', 'erp', 'ERP invoices', '41.00', '3']);
    expect(revenue).toContainEqual(['2027-W01', 'web', 'Web shop', '0.00', '2']);
    expect(service.exportSeriesCsv('sales', 'kpis')).toContain('revenue,66.50,EUR\r\n');
    expect(service.exportSeriesCsv('sales', 'top_products').split('\r\n')[1]).toBe('mug,Enamel mug,34.50,17,4');
    expect(parseCsv(service.exportSeriesCsv('sales', 'reconciliation'))).toHaveLength(7);
    expect(parseCsv(service.exportSeriesCsv('sales', 'rows', { sources: ['erp'] }))).toHaveLength(4);
  });
});
