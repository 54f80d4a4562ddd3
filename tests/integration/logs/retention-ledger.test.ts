import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { Ledger, LogStore, Retention } from '../../../electron/core/logs';
import { makeTempDir } from '../../helpers/tmp';
import { makeCall, T0_ISO } from './helpers';

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir('patchbay-retention-');
});
afterEach(() => tmp.cleanup());

const DAY = 86_400_000;
const T0 = Date.parse(T0_ISO);

describe('retention', () => {
  it('purges by age in small steps, without blocking the event loop, and keeps the FTS index in step', async () => {
    const now = T0 + 40 * DAY;
    const store = LogStore.open({ dataDir: tmp.dir, clock: () => now, batchSize: 1000 });
    // 5,000 old rows (day 0..) and 1,000 recent ones (day 35).
    for (let i = 0; i < 5000; i++) store.append(makeCall(i, { errorMessage: 'ancient failure' }));
    for (let i = 0; i < 1000; i++)
      store.append(makeCall(i, { time: new Date(T0 + 35 * DAY + i).toISOString(), errorMessage: 'recent failure' }));
    store.appendAppEvent({ kind: 'run_started', message: 'old', time: T0_ISO });
    store.flush();
    const retention = new Retention(store.db, { maxAgeDays: 30 }, () => now, { batchRows: 500 });
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 0);
    const result = await retention.purge();
    clearInterval(ticker);
    expect(result.deletedCalls).toBe(5000);
    expect(result.deletedAppEvents).toBe(1);
    expect(result.steps).toBeGreaterThanOrEqual(10);
    expect(ticks).toBeGreaterThan(0);
    expect(store.count()).toBe(1000);
    expect(store.count({ search: 'ancient' })).toBe(0);
    expect(store.count({ search: 'recent' })).toBe(1000);
    // FTS5's integrity check throws (SQLITE_CORRUPT_VTAB) when the index disagrees with its table.
    expect(() =>
      store.db.prepare(`INSERT INTO call_fts(call_fts, rank) VALUES ('integrity-check', 1)`).run(),
    ).not.toThrow();
    store.close();
  });

  it('purges the oldest rows until the live size fits the byte budget and returns pages with incremental vacuum', async () => {
    const store = LogStore.open({ dataDir: tmp.dir, batchSize: 1000 });
    const body = 'x'.repeat(2000);
    for (let i = 0; i < 4000; i++) store.append(makeCall(i, { responseBody: `{"pad":"${body}${i}"}` }));
    store.flush();
    expect(store.db.pragma('auto_vacuum', { simple: true })).toBe(2);
    const before = store.retention.fileBytes();
    const budget = Math.floor(before / 4);
    const retention = new Retention(store.db, { maxBytes: budget, maxAgeDays: 10_000 }, Date.now, { batchRows: 200 });
    const result = await retention.purge();
    expect(retention.usedBytes()).toBeLessThanOrEqual(budget);
    expect(store.count()).toBeGreaterThan(500);
    expect(result.deletedCalls).toBeGreaterThan(2000);
    expect(result.bytesAfter).toBeLessThan(before / 2);
    // Newest rows survive.
    expect(store.query({ limit: 1 }).items[0]!.id).toMatch(/^call-3999-/);
    expect(store.db.pragma('freelist_count', { simple: true })).toBe(0);
    store.close();
  });

  it('rejects invalid settings', () => {
    const store = LogStore.open({ dataDir: tmp.dir });
    expect(() => store.retention.configure({ maxAgeDays: -1 })).toThrow();
    store.close();
  });
});

describe('data-access ledger', () => {
  it('records flows and reports per period as rows, CSV and self-contained HTML', async () => {
    const store = LogStore.open({ dataDir: tmp.dir });
    const ledger = new Ledger(store.db);
    const base = {
      connectionId: 'crm-1',
      host: 'api.crm.example',
      credential: { connectionId: 'crm-1', authKind: 'oauth2' },
      integratorHeader: 'Patchbay/0.1 (acme)',
    };
    ledger.record({
      ...base,
      time: '2025-03-01T10:00:00Z',
      flowKind: 'run',
      flowId: 'r1',
      resource: 'contacts',
      direction: 'read',
      fields: ['email', 'name'],
      recordCount: 10,
    });
    ledger.record({
      ...base,
      time: '2025-03-02T10:00:00Z',
      flowKind: 'run',
      flowId: 'r2',
      resource: 'contacts',
      direction: 'read',
      fields: ['phone', 'email'],
      recordCount: 5,
    });
    ledger.record({
      ...base,
      time: '2025-03-02T11:00:00Z',
      flowKind: 'webhook',
      flowId: 'wh-9',
      resource: 'deals',
      direction: 'write',
      fields: ['amount'],
      recordCount: 1,
      host: 'api.billing.example',
    });
    ledger.record({
      ...base,
      time: '2025-04-01T00:00:00Z',
      flowKind: 'run',
      flowId: 'r3',
      resource: 'contacts',
      direction: 'read',
      fields: ['email'],
      recordCount: 99,
    });
    const report = ledger.report({ from: '2025-03-01T00:00:00Z', to: '2025-03-31T00:00:00Z' });
    expect(report.rows).toEqual([
      expect.objectContaining({
        resource: 'contacts',
        direction: 'read',
        fields: ['email', 'name', 'phone'],
        records: 15,
        flows: 2,
        authKind: 'oauth2',
        host: 'api.crm.example',
        firstSeen: '2025-03-01T10:00:00.000Z',
      }),
      expect.objectContaining({
        resource: 'deals',
        direction: 'write',
        fields: ['amount'],
        records: 1,
        flows: 1,
        host: 'api.billing.example',
      }),
    ]);
    expect(ledger.report({ flowId: 'wh-9' }).rows).toHaveLength(1);
    // A credential reference that smuggles a value is refused.
    expect(() =>
      ledger.record({
        ...base,
        flowKind: 'run',
        flowId: 'x',
        resource: 'r',
        direction: 'read',
        fields: [],
        recordCount: 0,
        credential: { connectionId: 'c', authKind: 'apiKey', value: 'sekrit' } as never,
      }),
    ).toThrow(AppError);
    expect(() => ledger.report({ from: 'last week' })).toThrow(/from/);

    await ledger.exportReport(report, join(tmp.dir, 'r.csv'), 'csv');
    await ledger.exportReport(
      { ...report, rows: [{ ...report.rows[0]!, resource: '<script>alert(1)</script>' }] },
      join(tmp.dir, 'r.html'),
      'html',
    );
    const csv = readFileSync(join(tmp.dir, 'r.csv'), 'utf8').split('\r\n');
    expect(csv[0]).toContain('connection,resource,direction,host');
    expect(csv[1]).toContain('crm-1,contacts,read,api.crm.example,oauth2,Patchbay/0.1 (acme),email name phone,15,2');
    const html = readFileSync(join(tmp.dir, 'r.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<script|<link|src=/i);
    expect(html).toContain('&lt;script&gt;');
    store.close();
  });
});
