import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatasetService } from '../../../electron/core/datasets';
import { salesOverviewDemo } from '../../../electron/demo/sales-overview';
import { startSandbox, type Sandbox } from '../../../electron/sandbox';
import { openConfStore } from '../../../electron/core/settings/open-conf';
import { runCli } from '../../helpers/cli';
import { makeTempDir } from '../../helpers/tmp';

/** `patchbay datasets list | refresh | export` as a separate process, on the sandbox. */
describe('patchbay datasets CLI', () => {
  let sb: Sandbox;
  const tmp = makeTempDir();
  const cli = (args: string[], stdin?: string) => runCli(['--data-dir', tmp.dir, ...args], { stdin });
  const ids: string[] = [];
  beforeAll(async () => {
    sb = await startSandbox({
      rateLimits: false,
      sizes: { orders: 120, invoices: 120, customers: 20 },
      ratesAsOf: '2022-02-01',
    });
    sb.servers.rates.histStart = '2021-11-01';
    sb.servers.rates.resetStore({});
    for (const args of [
      [
        '--connector',
        'shop-shopify',
        '--name',
        'CLI shop',
        '--auth',
        'api_key_header',
        '--set',
        'headerName=X-Shopify-Access-Token',
        '--base-url',
        sb.endpoints.shopApi,
        '--secret-stdin',
        'apiKey',
      ],
      [
        '--connector',
        'billing-stripe',
        '--name',
        'CLI billing',
        '--auth',
        'bearer',
        '--base-url',
        sb.urls.billing,
        '--secret-stdin',
        'token',
      ],
      ['--connector', 'rates-ecb', '--name', 'CLI rates', '--auth', 'none', '--base-url', sb.urls.rates],
    ]) {
      const secret = args.includes('apiKey')
        ? sb.credentials.shop.accessToken
        : args.includes('token')
          ? sb.credentials.billing.secretKey
          : '';
      const add = await cli(['--json', 'connections', 'add', ...args], secret ? `${secret}\n` : undefined);
      expect(add.code, add.stderr).toBe(0);
      ids.push(JSON.parse(add.stdout).id);
    }
    // No CLI command installs the demo (the app and `patchbay demo` do): write it to the data folder.
    const service = new DatasetService({
      dataDir: tmp.dir,
      definitions: openConfStore(tmp.dir),
      openSource: () => Promise.reject(new Error('not used')),
    });
    const { dataset, xref } = salesOverviewDemo({
      shopConnectionId: ids[0]!,
      billingConnectionId: ids[1]!,
      ratesConnectionId: ids[2]!,
    });
    service.xref.upsert(service.save(dataset).id, xref);
    service.close();
  });
  afterAll(async () => {
    for (const id of ids) await cli(['connections', 'remove', id]);
    await sb.stop();
    tmp.cleanup();
  });

  it('lists, refreshes by name and exports to CSV', async () => {
    const list = await cli(['datasets', 'list']);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/sales-overview\s+Sales overview\s+EUR\s+0\s+shop:0 billing:0/);

    const refresh = await cli(['datasets', 'refresh', 'Sales', 'overview']);
    expect(refresh.code, refresh.stderr).toBe(0);
    // Not a TTY: no progress line on stderr.
    expect(refresh.stderr).toBe('');
    expect(refresh.stdout).toMatch(/shop\s+full\s+120/);
    expect(refresh.stdout).toMatch(/billing\s+full\s+120/);
    const rows = Number(/Sales overview: (\d+) rows\./.exec(refresh.stdout)?.[1]);
    expect(rows).toBeGreaterThan(240);

    const out = join(tmp.dir, 'sales.csv');
    const exported = await cli(['--json', 'datasets', 'export', 'sales-overview', '--format', 'csv', '--out', out]);
    expect(exported.code, exported.stderr).toBe(0);
    expect(JSON.parse(exported.stdout)).toMatchObject({ path: out, rows });
    const lines = readFileSync(out, 'utf8').trim().split('\r\n');
    expect(lines).toHaveLength(rows + 1);
    expect(lines[0]).toMatch(/^reference,ordered_at,.*,amount_EUR,/);

    const series = await cli([
      'datasets',
      'export',
      'sales-overview',
      '--out',
      join(tmp.dir, 'kpis.csv'),
      '--series',
      'kpis',
    ]);
    expect(series.code, series.stderr).toBe(0);
    expect(readFileSync(join(tmp.dir, 'kpis.csv'), 'utf8')).toMatch(
      /^metric,value,currency\r\nrevenue,\d+\.\d{2},EUR\r\n/,
    );
  });

  it('fails with a one-line reason on bad input', async () => {
    const unknown = await cli(['datasets', 'refresh', 'nope']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^patchbay: No dataset "nope"\. Known datasets: Sales overview\. \(not_found\)\n$/);
    const format = await cli(['datasets', 'export', 'sales-overview', '--format', 'xlsx', '--out', join(tmp.dir, 'x')]);
    expect(format.code).toBe(2);
    expect(format.stderr).toMatch(/only csv/);
  });
});
