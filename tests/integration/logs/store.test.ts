import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { LogStore } from '../../../electron/core/logs';
import { FakeTimers } from '../../helpers/fake-timers';
import { makeTempDir } from '../../helpers/tmp';
import { makeCall, T0_ISO } from './helpers';

let tmp: ReturnType<typeof makeTempDir>;
let store: LogStore;

beforeEach(() => {
  tmp = makeTempDir('patchbay-logs-');
  store = LogStore.open({ dataDir: tmp.dir, batchSize: 50, flushIntervalMs: 20 });
});
afterEach(() => {
  store.close();
  tmp.cleanup();
});

function expectInvalid(fn: () => unknown, field: string): AppError {
  try {
    fn();
  } catch (err) {
    expect(AppError.is(err, 'invalid_input')).toBe(true);
    expect((err as AppError).details?.field).toBe(field);
    return err as AppError;
  }
  throw new Error('expected invalid_input');
}

describe('LogStore', () => {
  it('stores WAL-mode logs.db and round-trips a call event with all fields', () => {
    const call = makeCall(7, {
      requestHeaders: { 'content-type': 'application/json' },
      responseHeaders: { 'x-ratelimit-remaining': '9' },
      rateLimit: { 'x-ratelimit-remaining': '9' },
      requestBody: '{"q":1}',
      responseBody: '{"ok":true}',
      recordsIn: 3,
      recordsOut: 0,
      retryWaitMs: 12,
      errorClass: 'HttpError',
    });
    store.append(call);
    store.flush();
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    const got = store.get(call.id);
    expect(got).toMatchObject({ ...call, method: 'GET' });
    expect(() => store.get('nope')).toThrow(AppError);
  });

  it('flushes batches by size and by timer, and notifies listeners', () => {
    const timers = new FakeTimers();
    const timed = LogStore.open({ dataDir: tmp.dir, inMemory: true, batchSize: 50, flushIntervalMs: 20, timers });
    try {
      const seen: number[] = [];
      timed.onAppended(({ count }) => seen.push(count));
      for (let i = 0; i < 120; i++) timed.append(makeCall(i));
      expect(seen).toEqual([50, 50]);
      timers.advance(19);
      expect(seen).toEqual([50, 50]);
      timers.advance(1);
      expect(seen).toEqual([50, 50, 20]);
      expect(timed.count()).toBe(120);
    } finally {
      timed.close();
    }
  });

  it('filters by time range, run, sync, connection, status class, error code, method, url pattern', () => {
    for (let i = 0; i < 300; i++) store.append(makeCall(i, i % 7 === 0 ? { method: 'post' } : {}));
    const from = new Date(Date.parse(T0_ISO) + 100_000).toISOString();
    const to = new Date(Date.parse(T0_ISO) + 200_000).toISOString();
    expect(store.count({ from, to })).toBe(100);
    expect(store.count({ runId: 'run-1' })).toBe(100);
    expect(store.count({ syncId: 'sync-a', connectionId: 'conn-0' })).toBe(150);
    expect(store.count({ statusClass: '4xx' })).toBe(120); // 404 + 429
    expect(store.count({ statusClass: ['5xx', '2xx'] })).toBe(180);
    expect(store.count({ errorCode: 'rate_limited' })).toBe(60);
    expect(store.count({ method: 'POST' })).toBe(43);
    expect(store.count({ urlPattern: 'page=1\\d$' })).toBe(10);
    const page = store.query({ statusClass: '5xx', connectionId: 'conn-1', from, to, limit: 5 });
    expect(page.items.every((e) => e.statusClass === '5xx' && e.connectionId === 'conn-1')).toBe(true);
  });

  it('paginates newest first with a keyset cursor, stable under concurrent inserts', () => {
    for (let i = 0; i < 250; i++) store.append(makeCall(i));
    const ids: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = store.query({ limit: 100, cursor });
      ids.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
      pages++;
      // Newer rows arriving while paging must not shift or duplicate older pages.
      if (pages === 1) store.append(makeCall(10_000));
    } while (cursor);
    expect(pages).toBe(3);
    expect(ids).toHaveLength(250);
    expect(new Set(ids).size).toBe(250);
    expect(ids[0]).toMatch(/^call-249-/);
    expect(ids[249]).toMatch(/^call-0-/);
  });

  it('breaks ties on identical times by insertion order', () => {
    for (let i = 0; i < 30; i++) store.append(makeCall(0, { id: `same-${i}`, time: T0_ISO }));
    const a = store.query({ limit: 10 });
    const b = store.query({ limit: 10, cursor: a.nextCursor });
    const c = store.query({ limit: 10, cursor: b.nextCursor });
    expect([...a.items, ...b.items, ...c.items].map((e) => e.id)).toEqual(
      Array.from({ length: 30 }, (_, i) => `same-${29 - i}`),
    );
    expect(c.nextCursor).toBeUndefined();
  });

  it('searches URL, error message and bodies with FTS5, also combined with filters', () => {
    for (let i = 0; i < 50; i++) store.append(makeCall(i));
    store.append(makeCall(60, { id: 'body-hit', responseBody: '{"note":"quixotic zebra"}' }));
    store.append(
      makeCall(61, { id: 'err-hit', status: 502, statusClass: '5xx', errorMessage: 'upstream gateway exploded' }),
    );
    expect(store.query({ search: 'zebra' }).items.map((e) => e.id)).toEqual(['body-hit']);
    expect(store.query({ search: 'exploded' }).items.map((e) => e.id)).toEqual(['err-hit']);
    expect(store.query({ search: 'explo*', statusClass: '5xx' }).items.map((e) => e.id)).toEqual(['err-hit']);
    expect(store.query({ search: 'exploded', statusClass: '2xx' }).items).toHaveLength(0);
    expect(store.count({ search: 'api.example.com', searchMode: 'literal' })).toBe(52);
    expect(store.count({ search: '"page 7"' })).toBe(1);
  });

  it('turns FTS syntax errors, bad dates, bad regexes and bad cursors into clear invalid_input errors', () => {
    store.append(makeCall(1));
    const e1 = expectInvalid(() => store.query({ search: '"unbalanced' }), 'search');
    expect(e1.message).not.toMatch(/fts5|sqlite/i);
    expectInvalid(() => store.query({ search: 'AND OR (' }), 'search');
    expectInvalid(() => store.query({ search: 'nosuchcol: x' }), 'search');
    expectInvalid(() => store.query({ from: '2025-13-45' }), 'from');
    expectInvalid(() => store.query({ to: 'yesterday' }), 'to');
    expectInvalid(() => store.query({ from: '2025-02-31' }), 'from');
    expectInvalid(() => store.query({ from: '2025-03-02T00:00:00Z', to: '2025-03-01T00:00:00Z' }), 'from');
    expectInvalid(() => store.query({ urlPattern: '([a-z' }), 'urlPattern');
    expectInvalid(() => store.query({ cursor: 'garbage!' }), 'cursor');
    expectInvalid(() => store.stats({ from: 'soon' }), 'from');
    // The store is untouched and still answers.
    expect(store.count()).toBe(1);
  });

  it('tails new rows in insertion order for follow mode', () => {
    for (let i = 0; i < 5; i++) store.append(makeCall(i));
    const start = store.tail();
    expect(start.items).toHaveLength(0);
    expect(store.tail(start.cursor).items).toHaveLength(0);
    // A slow call that started earlier but finished (was logged) later is still delivered.
    store.append(makeCall(-100, { id: 'late' }));
    store.append(makeCall(100, { id: 'new', connectionId: 'conn-x' }));
    const t = store.tail(start.cursor);
    expect(t.items.map((e) => e.id)).toEqual(['late', 'new']);
    expect(store.tail(t.cursor).items).toHaveLength(0);
    expect(store.tail(start.cursor, { filter: { connectionId: 'conn-x' } }).items.map((e) => e.id)).toEqual(['new']);
    expect(store.query({ limit: 1 }).tailCursor).toBe(t.cursor);
  });

  it('computes monitoring stats: series, failures by code, success rate, percentiles, 429s and retry waits per connection', () => {
    for (let i = 0; i < 100; i++) store.append(makeCall(i, { durationMs: i + 1 }));
    const s = store.stats({ from: T0_ISO, to: new Date(Date.parse(T0_ISO) + 100_000).toISOString(), bucketMs: 10_000 });
    expect(s.series).toHaveLength(10);
    expect(s.series.reduce((a, b) => a + b.calls, 0)).toBe(100);
    expect(s.series[0]).toMatchObject({ calls: 10, failures: 6 });
    expect(s.totals).toMatchObject({
      calls: 100,
      failures: 60,
      successRate: 0.4,
      p50Ms: 50,
      p95Ms: 95,
      rateLimited: 20,
      retryWaitMs: 5000,
    });
    expect(s.failuresByCode).toEqual(
      [
        { errorCode: 'http_error', count: 20 },
        { errorCode: 'rate_limited', count: 20 },
        { errorCode: 'server_error', count: 20 },
      ].sort((a, b) => b.count - a.count || 0),
    );
    expect(s.byStatusClass).toEqual({ '2xx': 40, '4xx': 40, '5xx': 20 });
    expect(s.perConnection.map((c) => c.connectionId).sort()).toEqual(['conn-0', 'conn-1']);
    expect(s.perConnection.find((c) => c.connectionId === 'conn-0')!.calls).toBe(50);
    expect(store.stats({ connectionId: 'nobody' }).totals).toMatchObject({ calls: 0, successRate: null, p50Ms: null });
  });

  it('stores and pages app events, redacting their message and details', () => {
    const r = store.appendAppEvent({
      kind: 'run_started',
      message: 'run started',
      runId: 'run-1',
      details: { password: 'hunter22', rows: 3 },
    });
    store.appendAppEvent({ kind: 'keychain_unavailable', level: 'error', message: 'keychain locked' });
    expect(r.details).toEqual({ password: '[REDACTED]', rows: 3 });
    const all = store.queryAppEvents({});
    expect(all.items.map((e) => e.kind)).toEqual(['keychain_unavailable', 'run_started']);
    expect(store.queryAppEvents({ runId: 'run-1' }).items).toHaveLength(1);
    expect(store.queryAppEvents({ level: 'error', limit: 1 }).items[0]!.message).toBe('keychain locked');
    expect(() => store.appendAppEvent({ kind: 'Bad Kind!', message: 'x' })).toThrow(AppError);
  });

  it('survives reopen: rows persist and ids are unique', () => {
    store.append(makeCall(1, { id: 'persist' }));
    store.append(makeCall(1, { id: 'persist' }));
    store.close();
    store = LogStore.open({ dataDir: tmp.dir });
    expect(store.count()).toBe(1);
    expect(store.get('persist').id).toBe('persist');
  });
});
