import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatasetProgress } from '../../../shared/contract/datasets';
import { SALES_OVERVIEW_ID } from '../../../electron/demo/sales-overview';
import { startSandbox, type Sandbox } from '../../../electron/sandbox';
import { makeTestCore, type TestCore } from '../../helpers/core';
import { makeTempDir } from '../../helpers/tmp';

/**
 * The datasets channels through the real handler table and dispatcher (as the window calls them):
 * connections with real keychain secrets on a started sandbox, the demo installed and refreshed
 * over HTTP, dashboard queries, quality drill-down, cross-reference edits, exports, bad input.
 */
let sb: Sandbox;
let t: TestCore;
let ids: { shopConnectionId: string; billingConnectionId: string; ratesConnectionId: string };
const out = makeTempDir('patchbay-datasets-out-');

beforeAll(async () => {
  sb = await startSandbox({
    rateLimits: false,
    sizes: { orders: 300, invoices: 300, customers: 40 },
    ratesAsOf: '2022-02-01',
  });
  // A short rates history keeps the XML small; the sandbox's records start on 2022-01-01.
  sb.servers.rates.histStart = '2021-11-01';
  sb.servers.rates.resetStore({});
  t = await makeTestCore();
  const c = t.core.connections;
  const shop = await c.create({
    name: 'Sandbox shop',
    connectorId: 'shop-shopify',
    baseUrl: sb.endpoints.shopApi,
    authKind: 'api_key_header',
    authSettings: { headerName: 'X-Shopify-Access-Token' },
    secrets: { apiKey: sb.credentials.shop.accessToken },
  });
  const billing = await c.create({
    name: 'Sandbox billing',
    connectorId: 'billing-stripe',
    baseUrl: sb.urls.billing,
    authKind: 'bearer',
    authSettings: {},
    secrets: { token: sb.credentials.billing.secretKey },
  });
  const rates = await c.create({
    name: 'Sandbox rates',
    connectorId: 'rates-ecb',
    baseUrl: sb.urls.rates,
    authKind: 'none',
    authSettings: {},
  });
  ids = { shopConnectionId: shop.id, billingConnectionId: billing.id, ratesConnectionId: rates.id };
});
afterAll(async () => {
  await t?.close();
  await sb?.stop();
  out.cleanup();
});

describe('datasets channels', () => {
  it('lists nothing before the demo, and refuses a demo over the wrong connectors', async () => {
    await expect(t.call('datasets:list', {})).resolves.toEqual([]);
    const wrong = await t.raw('datasets:installDemo', { ...ids, shopConnectionId: ids.billingConnectionId });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const missing = await t.raw('datasets:installDemo', { ...ids, ratesConnectionId: 'nope' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('installs the demo and refreshes it, pushing progress events', async () => {
    const installed = await t.call('datasets:installDemo', ids);
    expect(installed).toMatchObject({
      id: SALES_OVERVIEW_ID,
      name: 'Sales overview',
      rows: 0,
      reportingCurrency: 'EUR',
    });
    const progress: DatasetProgress[] = [];
    const stop = t.core.events.on('datasets:progress', (p) => progress.push(p));
    const result = await t.call('datasets:refresh', { id: 'Sales overview' });
    stop();
    expect(result.rates.error).toBeNull();
    expect(result.sources.map((s) => [s.sourceId, s.error, s.records])).toEqual([
      ['shop', null, 300],
      ['billing', null, 300],
    ]);
    expect(progress.map((p) => p.source)).toEqual(expect.arrayContaining(['rates', 'shop', 'billing', 'done']));
    expect(progress.at(-1)).toMatchObject({
      datasetId: SALES_OVERVIEW_ID,
      phase: 'done',
      done: result.rows,
      total: result.rows,
    });
    const [summary] = await t.call('datasets:list', {});
    expect(summary!.rows).toBe(result.rows);
    expect(summary!.lastRefreshAt).not.toBeNull();

    // A second refresh knows how many rows each source had: its progress has a total.
    const again: DatasetProgress[] = [];
    const stop2 = t.core.events.on('datasets:progress', (p) => again.push(p));
    await t.call('datasets:refresh', { id: SALES_OVERVIEW_ID, full: true });
    stop2();
    expect(again.find((p) => p.source === 'shop')?.total).toBe(summary!.sources.find((s) => s.id === 'shop')!.rows);
  });

  it('answers the dashboard queries, narrowing with the filters', async () => {
    const id = SALES_OVERVIEW_ID;
    const all = await t.call('datasets:kpis', { id });
    expect(all).toMatchObject({ currency: 'EUR', orders: 300, invoices: 300 });
    expect(Number(all.revenue)).toBeGreaterThan(0);
    const shopOnly = await t.call('datasets:kpis', { id, filters: { sources: ['shop'] } });
    expect(shopOnly.invoices).toBe(0);
    expect(shopOnly.revenue).toBe(shopOnly.orderRevenue);
    const none = await t.call('datasets:kpis', { id, filters: { from: '2023-01-01' } });
    expect(none).toMatchObject({ revenue: '0.00', orders: 0, rows: 0 });

    const series = await t.call('datasets:series', { id });
    expect(series.series.map((s) => s.sourceId)).toEqual(['shop', 'billing']);
    const sum = series.series.flatMap((s) => s.points).reduce((a, p) => a + Math.round(Number(p.value) * 100), 0);
    expect(sum).toBe(Math.round(Number(all.revenue) * 100));
    const top = await t.call('datasets:topProducts', { id, limit: 3 });
    expect(top.items.length).toBeLessThanOrEqual(3);
    const rec = await t.call('datasets:reconciliation', { id });
    expect(
      rec.summary.matched + rec.summary.amountDiffers + rec.summary.orderOnly + rec.summary.invoiceOnly,
    ).toBeGreaterThan(0);
  });

  it('shows quality numbers with the rows behind them, and a cross-reference edit clears an unmatched id', async () => {
    const id = SALES_OVERVIEW_ID;
    const q = await t.call('datasets:quality', { id });
    const check = (c: string) => q.checks.find((x) => x.id === c)!;
    expect(check('rows_per_source').count).toBe(q.rows);
    const unmatched = check('unmatched_products');
    expect(unmatched.count).toBeGreaterThan(0);
    const rows = await t.call('datasets:qualityRows', { id, check: 'unmatched_products', filters: { limit: 1000 } });
    expect(rows.total).toBe(unmatched.count);
    expect(rows.rows.every((r) => r.canonicalProduct === null)).toBe(true);

    // Map one unmatched id: exactly its rows leave the check (the demo's systems are named like its sources).
    const pick = rows.rows.find((r) => r.productKey !== null)!;
    const same = rows.rows.filter((r) => r.sourceId === pick.sourceId && r.productKey === pick.productKey).length;
    await expect(
      t.call('datasets:xrefUpsert', {
        id,
        entries: [
          { system: pick.sourceId, externalId: pick.productKey!, productId: 'MAPPED-IN-TEST', productName: 'Mapped' },
        ],
      }),
    ).resolves.toEqual({ upserted: 1 });
    const after = await t.call('datasets:quality', { id });
    expect(after.checks.find((c) => c.id === 'unmatched_products')!.count).toBe(unmatched.count - same);
    expect((await t.call('datasets:xrefList', { id })).some((e) => e.productId === 'MAPPED-IN-TEST')).toBe(true);
    await expect(
      t.call('datasets:xrefRemove', { id, system: pick.sourceId, externalId: pick.productKey! }),
    ).resolves.toEqual({ removed: true });
    expect((await t.call('datasets:quality', { id })).checks.find((c) => c.id === 'unmatched_products')!.count).toBe(
      unmatched.count,
    );

    const imported = await t.call('datasets:xrefImportCsv', {
      id,
      text: 'system,external_id,product_id\nshop,BOTL-BLACK,BOTL-BLACK\nshop,,X\n',
    });
    expect(imported.imported).toBe(1);
    expect(imported.errors).toEqual([expect.objectContaining({ line: 3 })]);
  });

  it('lists the feed rates and switches to fixed rates', async () => {
    const id = SALES_OVERVIEW_ID;
    const feed = await t.call('datasets:ratesList', { id, currency: 'usd', limit: 5 });
    expect(feed).toHaveLength(5);
    expect(feed.every((r) => r.origin === 'feed' && r.currency === 'USD')).toBe(true);
    const before = await t.call('datasets:kpis', { id });
    const fixed = await t.call('datasets:ratesSetFixed', { id, rates: [{ currency: 'USD', rate: '2' }] });
    expect(fixed.rateSource).toEqual({ kind: 'fixed', base: 'EUR', rates: [{ currency: 'USD', rate: '2' }] });
    await expect(t.call('datasets:ratesList', { id })).resolves.toEqual([
      { date: null, currency: 'USD', rate: '2', origin: 'fixed' },
    ]);
    expect((await t.call('datasets:kpis', { id })).revenue).not.toBe(before.revenue);
    // Back to the feed for the tests below (save re-converts the stored rows).
    const d = await t.call('datasets:get', { id });
    await t.call('datasets:save', {
      dataset: {
        ...d,
        rateSource: {
          kind: 'connection',
          connectionId: ids.ratesConnectionId,
          resource: 'history',
          maxFallbackDays: 7,
        },
      },
    });
    expect((await t.call('datasets:kpis', { id })).revenue).toBe(before.revenue);
  });

  it('exports a series and the whole dataset to a path', async () => {
    const id = SALES_OVERVIEW_ID;
    const path = join(out.dir, 'revenue.csv');
    const res = await t.call('datasets:exportCsv', { id, series: 'revenue', path });
    const text = readFileSync(path, 'utf8');
    expect(text.split('\r\n')[0]).toBe('day,source,label,revenue_EUR,rows');
    expect(res).toEqual({ path, rows: text.trim().split('\r\n').length - 1, bytes: Buffer.byteLength(text) });
    const kpis = await t.call('datasets:kpis', { id });
    const total = text
      .trim()
      .split('\r\n')
      .slice(1)
      .reduce((a, l) => a + Math.round(Number(l.split(',')[3]) * 100), 0);
    expect(total).toBe(Math.round(Number(kpis.revenue) * 100));

    const whole = join(out.dir, 'all.csv');
    const all = await t.call('datasets:exportCsv', { id, path: whole, filters: { sources: ['billing'] } });
    const lines = readFileSync(whole, 'utf8').trim().split('\r\n');
    expect(all.rows).toBe(lines.length - 1);
    expect(lines.slice(1).every((l) => l.includes(',billing,'))).toBe(true);
  });

  it('rejects invalid input with invalid_input, naming the field', async () => {
    const bad: [string, unknown][] = [
      ['datasets:kpis', { id: SALES_OVERVIEW_ID, filters: { from: '01/02/2022' } }],
      ['datasets:kpis', { id: SALES_OVERVIEW_ID, extra: true }],
      ['datasets:qualityRows', { id: SALES_OVERVIEW_ID, check: 'everything' }],
      ['datasets:exportCsv', { id: SALES_OVERVIEW_ID, series: 'revenue', path: 'relative.csv' }],
      ['datasets:exportCsv', { id: SALES_OVERVIEW_ID, series: 'pie', path: join(out.dir, 'x.csv') }],
      ['datasets:ratesSetFixed', { id: SALES_OVERVIEW_ID, rates: [{ currency: 'USD', rate: '-1' }] }],
      ['datasets:xrefUpsert', { id: SALES_OVERVIEW_ID, entries: [] }],
      [
        'datasets:save',
        { dataset: { id: 'x', name: 'X', columns: [], roles: { date: 'd' }, reportingCurrency: 'EUR' } },
      ],
    ];
    for (const [channel, payload] of bad) {
      const result = await t.raw(channel, payload);
      expect(result, channel).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    await expect(t.raw('datasets:get', { id: 'no-such' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('removes a dataset', async () => {
    await expect(t.call('datasets:remove', { id: SALES_OVERVIEW_ID })).resolves.toEqual({ removed: true });
    await expect(t.call('datasets:list', {})).resolves.toEqual([]);
  });
});
