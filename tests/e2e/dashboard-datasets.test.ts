import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../electron/sandbox';
import { launchApp, type E2EApp } from './harness';

/**
 * Datasets through the UI: the Dashboard builds and refreshes the "Sales overview" demo
 * over the sandbox, the KPIs follow the date range, a chart's CSV is exported and read back, the
 * quality numbers open their rows, and an unmatched id is mapped from the list.
 * 2,000 orders and 2,000 invoices, one a minute from 2022-01-01 UTC: the dataset's days are Paris
 * days, so 1 January holds most of them and 2 January the rest.
 */
const digits = (s: string | null) => Number((s ?? '').replace(/[^\d]/g, ''));

describe('Dashboard datasets', () => {
  let app: E2EApp;
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await startSandbox({
      rateLimits: false,
      sizes: { orders: 2000, invoices: 2000, customers: 60 },
      ratesAsOf: '2022-02-01',
    });
    // A short rates history keeps the XML small; the records start on 2022-01-01.
    sb.servers.rates.histStart = '2021-11-01';
    sb.servers.rates.resetStore({});
    app = await launchApp({
      setup: async (t) => {
        const c = t.core.connections;
        await c.create({
          name: 'Sandbox shop',
          connectorId: 'shop-shopify',
          baseUrl: sb.endpoints.shopApi,
          authKind: 'api_key_header',
          authSettings: { headerName: 'X-Shopify-Access-Token' },
          secrets: { apiKey: sb.credentials.shop.accessToken },
        });
        await c.create({
          name: 'Sandbox billing',
          connectorId: 'billing-stripe',
          baseUrl: sb.urls.billing,
          authKind: 'bearer',
          authSettings: {},
          secrets: { token: sb.credentials.billing.secretKey },
        });
        await c.create({
          name: 'Sandbox rates',
          connectorId: 'rates-ecb',
          baseUrl: sb.urls.rates,
          authKind: 'none',
          authSettings: {},
        });
      },
    });
  });
  afterAll(async () => {
    await app?.close();
    await sb?.stop();
  });

  it('creates the demo from the empty state and refreshes it with progress', async () => {
    await app.goto('dashboard');
    const { page } = app;
    await page.getByTestId('datasets-empty').waitFor();
    await page.getByTestId('datasets-install-demo').click();
    await page.getByTestId('dataset-refresh-progress').waitFor();
    // 4,000 records through the call log: seconds on a quiet machine, minutes on a loaded one.
    await expect(page.getByTestId('dataset-refresh-message').textContent({ timeout: 270_000 })).resolves.toMatch(
      /^Refreshed: /,
    );
    await expect
      .poll(async () => digits(await page.getByTestId('dataset-kpi-orders').locator('.kpi-value').textContent()))
      .toBe(2000);
    expect(digits(await page.getByTestId('dataset-kpi-invoices').locator('.kpi-value').textContent())).toBe(2000);
    // The revenue tile shows the core's exact figure.
    const kpis = app.test.core.datasets.kpis('sales-overview');
    expect(digits(await page.getByTestId('dataset-kpi-revenue').locator('.kpi-value').textContent())).toBe(
      digits(kpis.revenue),
    );
  }, 300_000);

  it('changes the date range and sees the KPIs change', async () => {
    const { page } = app;
    const value = (id: string) => page.getByTestId(id).locator('.kpi-value').textContent();
    const before = await value('dataset-kpi-revenue');
    await page.getByTestId('dataset-from').fill('2022-01-01');
    await page.getByTestId('dataset-to').fill('2022-01-01');
    const expected = app.test.core.datasets.kpis('sales-overview', { from: '2022-01-01', to: '2022-01-01' });
    expect(expected.orders).toBeGreaterThan(1000);
    expect(expected.orders).toBeLessThan(2000);
    await expect.poll(async () => digits(await value('dataset-kpi-orders'))).toBe(expected.orders);
    await expect.poll(async () => digits(await value('dataset-kpi-revenue'))).toBe(digits(expected.revenue));
    expect(await value('dataset-kpi-revenue')).not.toBe(before);
    expect(digits(await value('dataset-kpi-invoices'))).toBe(expected.invoices);
  });

  it("exports a chart's data as CSV for the filtered range, and its picture as PNG", async () => {
    const { page } = app;
    await page.getByTestId('dataset-chart-revenue-csv').click();
    const status = page.getByTestId('dataset-export-status');
    await status.filter({ hasText: 'saved to' }).waitFor();
    const path = await status.getAttribute('data-export-path');
    expect(path).toMatch(/sales-overview-revenue-.*\.csv$/);
    const lines = readFileSync(path!, 'utf8').trim().split('\r\n');
    expect(lines[0]).toBe('day,source,label,revenue_EUR,rows');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['2022-01-01', '2022-01-01']);
    const cents = lines.slice(1).reduce((a, l) => a + BigInt(l.split(',')[3]!.replace('.', '')), 0n);
    expect(cents).toBe(
      BigInt(
        app.test.core.datasets
          .kpis('sales-overview', { from: '2022-01-01', to: '2022-01-01' })
          .revenue.replace('.', ''),
      ),
    );

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('dataset-chart-revenue-png').click(),
    ]);
    expect(download.suggestedFilename()).toBe('sales-overview-revenue.png');
    const png = readFileSync((await download.path())!);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.length).toBeGreaterThan(2000);
  });

  it('opens the rows behind a quality number and maps an unmatched id', async () => {
    const { page } = app;
    // The cross-reference is dataset-wide: compare it with unfiltered quality numbers.
    await page.getByTestId('dataset-clear-filters').click();
    await expect
      .poll(async () => digits(await page.getByTestId('dataset-kpi-orders').locator('.kpi-value').textContent()))
      .toBe(2000);
    const count = page.getByTestId('quality-unmatched_products-count');
    const unmatched = digits(await count.textContent());
    expect(unmatched).toBeGreaterThan(0);
    await count.click();
    const rows = page.getByTestId('quality-rows');
    await rows.locator('tbody tr').first().waitFor();
    await expect(rows.locator('tbody tr').count()).resolves.toBe(Math.min(200, unmatched));
    await page.keyboard.press('Escape');
    await rows.waitFor({ state: 'detached' });

    const item = page.getByTestId('unmatched-ids').locator('li').first();
    const testId = (await item.getAttribute('data-testid'))!;
    const itemRows = digits(/— ([\d,.\s]+) rows?/.exec((await item.textContent()) ?? '')?.[1] ?? '0');
    await page.getByTestId(`${testId}-map`).click();
    await page.getByTestId(`${testId}-product`).fill('MAPPED-IN-E2E');
    await page.getByTestId(`${testId}-save`).click();
    await page.getByTestId(testId).waitFor({ state: 'detached' });
    await expect.poll(async () => digits(await count.textContent())).toBe(unmatched - itemRows);
    await page.locator('[data-testid="xref-table"] td', { hasText: 'MAPPED-IN-E2E' }).first().waitFor();
    await page.getByTestId('datasets').evaluate((el) => el.scrollIntoView());
    await app.screenshot('dashboard-datasets');
  });
});
