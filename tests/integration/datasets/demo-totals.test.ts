import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_UNMAPPED, salesOverviewDemo } from '../../../electron/demo/sales-overview';
import type { Dataset } from '../../../shared/models/datasets';
import { startDatasetEnv, type DatasetEnv } from './env';
import { cents, fmt, parisDate, previousRate, rawInvoices, rawRates, rawShopOrders, toEurCents } from './independent';

/**
 * The datasets promise end to end: the demo "Sales overview" refreshed from the sandbox over real
 * HTTP into real SQLite, its EUR totals checked against an independent computation from the raw
 * orders, invoices and XML rates. 4,000 orders and 4,000 invoices span 1–3 January 2022:
 * New Year's Day (a TARGET holiday) borrows 31 December's rate (fallback, 1 day back); with the
 * window set to one day, Sunday 2 January has no rate at all (missing), Monday is exact.
 */
let env: DatasetEnv;
let id: string;
const MAX_BACK = 1;

beforeAll(async () => {
  env = await startDatasetEnv({ sizes: { orders: 4000, invoices: 4000, customers: 200 }, ratesAsOf: '2022-03-01' });
  const { dataset, xref } = salesOverviewDemo({
    shopConnectionId: 'shop',
    billingConnectionId: 'billing',
    ratesConnectionId: 'rates',
  });
  const def = dataset as Dataset;
  def.rateSource = { kind: 'connection', connectionId: 'rates', resource: 'history', maxFallbackDays: MAX_BACK };
  id = env.service.save(def).id;
  env.service.xref.upsert(id, xref);
});
afterAll(() => env?.close());

describe('Sales overview demo dataset against the sandbox', () => {
  let expected: {
    shop: bigint;
    billing: bigint;
    missing: number;
    fallback: number;
    unmatched: number;
    unmatchedIds: Set<string>;
    lines: number;
  };

  it('refreshes both sources and the rates', async () => {
    const phases = new Set<string>();
    const result = await env.service.refresh(id, (p) => phases.add(p.phase));
    expect(result.rates.error).toBeNull();
    expect(result.rates.loaded).toBeGreaterThan(1000);
    expect(result.sources.map((s) => [s.sourceId, s.mode, s.error, s.records])).toEqual([
      ['shop', 'full', null, 4000],
      ['billing', 'full', null, 4000],
    ]);
    expect([...phases]).toEqual(expect.arrayContaining(['rates', 'source', 'done']));

    // Independent expectation from the raw records.
    const [orders, invoices, rates] = await Promise.all([rawShopOrders(env.sb), rawInvoices(env.sb), rawRates(env.sb)]);
    expect(orders).toHaveLength(4000);
    expect(invoices).toHaveLength(4000);
    const { xref } = salesOverviewDemo({ shopConnectionId: 'shop', billingConnectionId: 'billing' });
    const mapped = new Set(xref.map((x) => `${x.system}|${x.externalId.trim().toUpperCase()}`));
    expected = { shop: 0n, billing: 0n, missing: 0, fallback: 0, unmatched: 0, unmatchedIds: new Set(), lines: 0 };
    for (const o of orders) {
      for (const li of o.line_items) {
        expected.lines++;
        expected.shop += cents(li.price) * BigInt(li.quantity);
        if (li.sku === null || !mapped.has(`shop|${String(li.sku).trim().toUpperCase()}`)) {
          expected.unmatched++;
          expected.unmatchedIds.add(`shop: ${li.sku ?? '(no product id)'}`);
        }
      }
    }
    for (const inv of invoices) {
      const day = parisDate(inv.created * 1000);
      const cur = String(inv.currency).toUpperCase();
      for (const line of inv.lines.data) {
        expected.lines++;
        if (!mapped.has(`billing|${line.price.product.toUpperCase()}`)) {
          expected.unmatched++;
          expected.unmatchedIds.add(`billing: ${line.price.product}`);
        }
        if (cur === 'EUR') {
          expected.billing += BigInt(line.amount);
          continue;
        }
        const r = previousRate(rates, cur, day, MAX_BACK);
        if (!r) {
          expected.missing++;
          continue;
        }
        if (r.date !== day) expected.fallback++;
        expected.billing += toEurCents(line.amount, r.rate);
      }
    }
    // The scenario really exercises every path.
    expect(expected.missing).toBeGreaterThan(0);
    expect(expected.fallback).toBeGreaterThan(0);
    expect(expected.unmatched).toBeGreaterThan(0);
    expect(result.rows).toBe(expected.lines);
  });

  it('reports EUR totals equal to the independent computation', () => {
    const all = env.service.kpis(id);
    expect(all.currency).toBe('EUR');
    expect(all.revenue).toBe(fmt(expected.shop + expected.billing));
    expect(env.service.kpis(id, { sources: ['shop'] }).revenue).toBe(fmt(expected.shop));
    expect(env.service.kpis(id, { sources: ['billing'] }).revenue).toBe(fmt(expected.billing));
    expect(all.orders).toBe(4000);
    expect(all.invoices).toBe(4000);
    expect(all.unconvertedRows).toBe(expected.missing);
    // The chart's series add up to the same total.
    const series = env.service.series(id);
    const total = series.series.flatMap((s) => s.points).reduce((a, p) => a + cents(p.value), 0n);
    expect(fmt(total)).toBe(all.revenue);
    expect(series.buckets).toEqual(['2022-01-01', '2022-01-02', '2022-01-03']);
  });

  it('shows missing rates, fallback rates and unmatched ids in the quality checks, with their rows', () => {
    const q = env.service.quality(id);
    const check = (c: string) => q.checks.find((x) => x.id === c)!;
    expect(check('rows_per_source').count).toBe(expected.lines);
    expect(check('missing_rates')).toMatchObject({ count: expected.missing, severity: 'error' });
    expect(check('missing_rates').bySource.shop).toBe(0);
    expect(check('fallback_rates').count).toBe(expected.fallback);
    expect(check('unmatched_products').count).toBe(expected.unmatched);
    expect(check('unknown_currencies').count).toBe(0);
    expect(check('schema_changes').count).toBe(0);
    expect(check('mapping_errors').count).toBe(0);
    expect(expected.unmatchedIds).toContain(`billing: ${DEMO_UNMAPPED.billingProduct}`);
    for (const e of check('unmatched_products').examples) expect(expected.unmatchedIds).toContain(e);

    const missing = env.service.qualityRows(id, 'missing_rates', { limit: 10_000 });
    expect(missing.total).toBe(expected.missing);
    expect(
      missing.rows.every(
        (r) => r.rateFlag === 'no_rate' && r.amount === null && r.date === '2022-01-02' && r.originalAmount !== null,
      ),
    ).toBe(true);
    const fallback = env.service.qualityRows(id, 'fallback_rates', { limit: 5 });
    expect(fallback.rows[0]).toMatchObject({ rateFlag: 'fallback', date: '2022-01-01', rateDate: '2021-12-31' });
    const unmatched = env.service.qualityRows(id, 'unmatched_products', { limit: 10_000 });
    expect(unmatched.total).toBe(expected.unmatched);
    expect(unmatched.rows.every((r) => r.canonicalProduct === null)).toBe(true);
  });

  it('refreshing twice never duplicates a row (incremental where the source allows it, full otherwise)', async () => {
    const before = env.service.kpis(id);
    const again = await env.service.refresh(id);
    expect(again.sources.map((s) => [s.sourceId, s.mode, s.error])).toEqual([
      ['shop', 'incremental', null],
      ['billing', 'incremental', null],
    ]);
    expect(again.sources.every((s) => s.records < 4000)).toBe(true);
    const full = await env.service.refresh(id, undefined, { full: true });
    expect(full.sources.map((s) => [s.mode, s.inserted])).toEqual([
      ['full', 0],
      ['full', 0],
    ]);
    expect(full.rows).toBe(expected.lines);
    expect(env.service.kpis(id)).toEqual(before);
    const summary = env.service.list().find((d) => d.id === id)!;
    expect(summary.rows).toBe(expected.lines);
  });
});
