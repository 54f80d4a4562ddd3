import Ajv from 'ajv';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APPENDED_MIN_INTERVAL_MS } from '../../../electron/core/logs/live-events';
import { makeTestCore, type TestCore } from '../../helpers/core';
import { FakeTimers } from '../../helpers/fake-timers';
import { makeTempDir } from '../../helpers/tmp';
import { makeCall, readZip } from './helpers';

const harSchema = JSON.parse(readFileSync(new URL('../../fixtures/har-1.2.schema.json', import.meta.url), 'utf8'));

let t: TestCore;
let out: ReturnType<typeof makeTempDir>;

beforeEach(async () => {
  t = await makeTestCore();
  out = makeTempDir('patchbay-logs-out-');
});
afterEach(async () => {
  await t.close();
  out.cleanup();
});

/** 30 calls over three runs and two connections, 2xx/4xx/5xx/429 (see makeCall). */
function seed(n = 30) {
  for (let i = 0; i < n; i++)
    t.core.logs.append(
      makeCall(i, {
        requestHeaders: { authorization: 'Bearer sk_test_canary_abcdef123456', accept: 'application/json' },
      }),
    );
  t.core.logs.flush();
}

describe('logs handlers through the dispatcher', () => {
  it('filters by run, status class, connection, method and time, newest first, with keyset pages', async () => {
    seed();
    const page = await t.call('logs:query', { runId: 'run-1', statusClass: '4xx', limit: 100 });
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((c) => c.runId === 'run-1' && c.statusClass === '4xx')).toBe(true);
    const times = page.items.map((c) => c.time);
    expect([...times].sort().reverse()).toEqual(times);

    const byConn = await t.call('logs:query', { connectionId: 'conn-0', statusClass: ['2xx', '5xx'], method: 'get' });
    expect(byConn.items.every((c) => c.connectionId === 'conn-0' && ['2xx', '5xx'].includes(c.statusClass))).toBe(true);

    const first = await t.call('logs:query', { limit: 10 });
    expect(first.nextCursor).toBeDefined();
    const second = await t.call('logs:query', { limit: 10, cursor: first.nextCursor });
    expect(second.items[0]!.time < first.items[9]!.time).toBe(true);

    const window = await t.call('logs:query', { from: '2025-03-01T00:00:05Z', to: '2025-03-01T00:00:10Z' });
    expect(window.items).toHaveLength(5);
  });

  it('returns one call with the Authorization header redacted', async () => {
    seed(3);
    const [call] = (await t.call('logs:query', { limit: 1 })).items;
    const detail = await t.call('logs:get', { id: call!.id });
    expect(detail.requestHeaders?.authorization).toBe('[REDACTED]');
    expect(JSON.stringify(detail)).not.toContain('sk_test_canary_abcdef123456');
    await expect(t.call('logs:get', { id: 'nope' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('rejects an invalid date, regex, FTS query or unknown field as invalid_input', async () => {
    seed(3);
    const bad = [
      { from: '2025-02-31' },
      { urlPattern: '([a-z' },
      { search: '"unterminated' },
      { search: 'AND OR (' },
      { statusClass: '6xx' },
      { runid: 'typo-in-field-name' },
    ];
    for (const input of bad) {
      const r = await t.raw('logs:query', input);
      expect(r, JSON.stringify(input)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    const fts = await t.raw('logs:query', { search: '"unterminated' });
    expect(fts.ok ? '' : fts.error.message).toMatch(/full-text/);
    expect(fts.ok ? undefined : fts.error.details).toMatchObject({ field: 'search' });
    expect((await t.raw('logs:stats', { from: 'yesterday' })).ok).toBe(false);
  });

  it('tails: after the tail cursor only the calls logged later, and pushes logs:appended (throttled)', async () => {
    // A core whose log announcements move with a fake clock, so the throttle is observed, not waited for.
    const timers = new FakeTimers();
    await t.close();
    t = await makeTestCore({ logTimers: timers });
    seed(5);
    timers.advance(APPENDED_MIN_INTERVAL_MS);
    const page = await t.call('logs:query', {});
    const appended: { count: number; headCursor: string }[] = [];
    const off = t.core.events.on('logs:appended', (p) => appended.push(p));
    for (let i = 100; i < 110; i++) {
      t.core.logs.append(makeCall(i));
      t.core.logs.flush();
    }
    const tail = await t.call('logs:tail', { cursor: page.tailCursor });
    expect(tail.items.map((c) => c.id)).toHaveLength(10);
    expect(tail.items[0]!.id).toMatch(/^call-100-/);
    // Ten flushes in a burst are announced twice: the first at once, the other nine when the interval has passed.
    expect(appended.map((a) => a.count)).toEqual([1]);
    timers.advance(APPENDED_MIN_INTERVAL_MS - 1);
    expect(appended.map((a) => a.count)).toEqual([1]);
    timers.advance(1);
    off();
    expect(appended.map((a) => a.count)).toEqual([1, 9]);
    expect(appended.at(-1)!.headCursor).toBe(tail.cursor);
    const again = await t.call('logs:tail', { cursor: tail.cursor });
    expect(again.items).toHaveLength(0);
  });

  it('computes monitoring stats with the same filters', async () => {
    seed();
    const stats = await t.call('logs:stats', { connectionId: 'conn-1' });
    expect(stats.totals.calls).toBe(15);
    expect(stats.perConnection.map((p) => p.connectionId)).toEqual(['conn-1']);
    expect(stats.failuresByCode.map((f) => f.errorCode)).toEqual(
      expect.arrayContaining(['http_error', 'server_error', 'rate_limited']),
    );
    expect(stats.totals.rateLimited).toBeGreaterThan(0);
  });

  it('exports the filter as HAR that validates, emitting progress events for its exportId', async () => {
    seed();
    const path = join(out.dir, 'calls.har');
    const progress: { exportId: string; done: number; total: number }[] = [];
    const off = t.core.events.on('logs:exportProgress', (p) => progress.push(p));
    const result = await t.call('logs:export', {
      format: 'har',
      filter: { runId: 'run-2', statusClass: '4xx' },
      path,
      exportId: 'exp-1',
    });
    off();
    expect(result).toMatchObject({ exportId: 'exp-1', path });
    const har = JSON.parse(readFileSync(path, 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
    expect(ajv.validate(harSchema, har), JSON.stringify(ajv.errors)).toBe(true);
    expect(har.log.entries).toHaveLength(result.rows);
    expect(
      har.log.entries.every(
        (e: { response: { status: number } }) => e.response.status >= 400 && e.response.status < 500,
      ),
    ).toBe(true);
    expect(readFileSync(path, 'utf8')).not.toContain('sk_test_canary_abcdef123456');
    expect(progress.at(0)).toEqual({ exportId: 'exp-1', done: 0, total: result.rows });
    expect(progress.at(-1)).toEqual({ exportId: 'exp-1', done: result.rows, total: result.rows });
  });

  it('exports selected rows by id as JSONL and CSV', async () => {
    seed(10);
    const ids = (await t.call('logs:query', { limit: 3 })).items.map((c) => c.id);
    const jsonl = await t.call('logs:export', { format: 'jsonl', ids, path: join(out.dir, 'sel.jsonl') });
    expect(jsonl.rows).toBe(3);
    expect(
      readFileSync(jsonl.path, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).id)
        .sort(),
    ).toEqual([...ids].sort());
    const csv = await t.call('logs:export', { format: 'csv', ids, path: join(out.dir, 'sel.csv') });
    expect(readFileSync(csv.path, 'utf8').trim().split('\r\n')).toHaveLength(4);
  });

  it('refuses a relative path, a missing folder or a folder target, and leaves no partial file', async () => {
    seed(5);
    const cases = ['calls.har', join(out.dir, 'missing', 'calls.har'), out.dir];
    for (const path of cases) {
      const r = await t.raw('logs:export', { format: 'har', path });
      expect(r, path).toMatchObject({ ok: false, error: { code: 'invalid_input', details: { field: 'path' } } });
    }
    const missing = await t.raw('logs:export', { format: 'har', path: join(out.dir, 'missing', 'calls.har') });
    expect(missing.ok ? '' : missing.error.message).toMatch(/folder .*missing does not exist/);
    expect(readdirSync(out.dir)).toEqual([]);
  });

  it('reports an unwritable folder as io_error and removes the partial file', async () => {
    seed(5);
    // Root ignores file modes, so there the kernel's read-only /sys stands in for a locked folder.
    const asRoot = process.getuid?.() === 0;
    const locked = asRoot ? '/sys' : join(out.dir, 'locked');
    if (!asRoot) mkdirSync(locked, { mode: 0o500 });
    const before = readdirSync(locked);
    const r = await t.raw('logs:export', { format: 'jsonl', path: join(locked, 'patchbay-calls.jsonl') });
    expect(r).toMatchObject({ ok: false, error: { code: 'io_error' } });
    expect(r.ok ? '' : r.error.message).toMatch(/Could not write .*Nothing was saved/);
    expect(readdirSync(locked)).toEqual(before);
  });

  it('writes a support bundle for a run and lists app events', async () => {
    seed(9);
    t.core.logs.appendAppEvent({ kind: 'run_started', message: 'Run run-0 started', runId: 'run-0' });
    const events = await t.call('logs:appEvents', { runId: 'run-0' });
    expect(events.items.map((e) => e.kind)).toEqual(['run_started']);
    const path = join(out.dir, 'bundle.zip');
    const result = await t.call('logs:supportBundle', { runId: 'run-0', path });
    expect(result.rows).toBe(3);
    const zip = readZip(path);
    expect([...zip.keys()]).toEqual(
      expect.arrayContaining(['README.txt', 'calls.har', 'calls.jsonl', 'settings.json']),
    );
    expect(zip.get('calls.jsonl')!.toString()).not.toContain('sk_test_canary_abcdef123456');
  });

  it('reports and exports the data-access ledger for a period', async () => {
    t.core.ledger.record({
      time: '2025-03-02T10:00:00Z',
      flowKind: 'run',
      flowId: 'run-1',
      connectionId: 'conn-0',
      resource: 'contacts',
      direction: 'read',
      fields: ['email', 'name'],
      recordCount: 12,
      host: 'api.example.com',
      credential: { connectionId: 'conn-0', authKind: 'bearer' },
    });
    const report = await t.call('ledger:report', { from: '2025-03-01', to: '2025-03-31' });
    expect(report.rows).toHaveLength(1);
    expect((await t.call('ledger:report', { from: '2025-04-01' })).rows).toHaveLength(0);
    const csv = await t.call('ledger:export', {
      from: '2025-03-01',
      to: '2025-03-31',
      format: 'csv',
      path: join(out.dir, 'ledger.csv'),
    });
    expect(readFileSync(csv.path, 'utf8')).toContain('contacts');
    const html = await t.call('ledger:export', { format: 'html', path: join(out.dir, 'ledger.html') });
    expect(readFileSync(html.path, 'utf8')).toContain('<table>');
    expect((await t.raw('ledger:report', { from: '2025-13-01' })).ok).toBe(false);
  });

  it('chooses a temp save path without a window', async () => {
    const { path } = await t.call('app:chooseSavePath', { suggestedName: '../calls.har', for: 'logs:export' });
    expect(path).toMatch(/patchbay-export-.*[/\\]calls\.har$/);
    expect(existsSync(join(path!, '..'))).toBe(true);
  });
});
