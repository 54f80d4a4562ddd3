import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { statusClassOf, type CallEventInput } from '../../shared/models/call-event';
import { exportCalls, LogStore } from '../../electron/core/logs';

/**
 * Log store at scale: with 1,000,000 call rows, the batched insert rate, the latency of
 * a filtered first page (status class + connection + 24 h) and of an FTS search, and the HAR
 * export rate over 100,000 rows. Rows: 30 days, 20 connections, realistic status mix.
 */
interface Figure {
  bench: 'logs';
  figure: string;
  value: number;
  unit: string;
}

const ROWS = Number(process.env.LOGS_BENCH_ROWS ?? 1_000_000);
const HAR_ROWS = Math.min(100_000, ROWS);
const SPAN_MS = 30 * 86_400_000;
const NOW = Date.parse('2025-06-01T00:00:00Z');
const STATUSES = [200, 200, 200, 200, 200, 200, 200, 201, 204, 304, 400, 404, 429, 500, 503, 0];
const ERRORS = [
  'read timeout after 30000 ms',
  'socket hang up',
  'upstream returned invalid json',
  'quota exceeded, retry later',
];

function row(i: number): CallEventInput {
  const status = STATUSES[(i * 7) % STATUSES.length]!;
  const failed = status === 0 || status >= 400;
  return {
    id: `c${i}`,
    time: new Date(NOW - SPAN_MS + Math.floor((i * SPAN_MS) / ROWS)).toISOString(),
    durationMs: 20 + ((i * 37) % 900),
    runId: `run-${Math.floor(i / 5000)}`,
    syncId: `sync-${i % 5}`,
    connectionId: `conn-${i % 20}`,
    connectorId: 'crm',
    resource: i % 2 ? 'contacts' : 'deals',
    operation: 'list',
    method: i % 10 === 0 ? 'POST' : 'GET',
    url: `https://api${i % 20}.example.com/v1/${i % 2 ? 'contacts' : 'deals'}?page=${i % 500}&limit=100`,
    host: `api${i % 20}.example.com`,
    status: status || undefined,
    statusClass: statusClassOf(status || undefined),
    attempt: 1 + (status === 429 ? 1 : 0),
    retryWaitMs: status === 429 ? 1000 : undefined,
    bytesIn: 2048,
    bytesOut: i % 10 === 0 ? 512 : 0,
    recordsIn: 100,
    ...(failed
      ? {
          errorCode: status === 0 ? 'network' : status === 429 ? 'rate_limited' : 'http_error',
          errorMessage: ERRORS[i % ERRORS.length],
        }
      : {}),
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function timeMs(fn: () => unknown, runs = 7): number {
  fn(); // warm the page cache and statement
  const t: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    fn();
    t.push(performance.now() - t0);
  }
  return Math.round(median(t) * 100) / 100;
}

export default async function* bench(): AsyncGenerator<Figure> {
  const dir = mkdtempSync(join(tmpdir(), 'patchbay-logs-bench-'));
  const store = LogStore.open({ dataDir: dir, batchSize: 1000, clock: () => NOW });
  try {
    const t0 = performance.now();
    for (let i = 0; i < ROWS; i++) store.append(row(i));
    store.flush();
    const insertS = (performance.now() - t0) / 1000;
    yield { bench: 'logs', figure: 'insert_rows_per_s', value: Math.round(ROWS / insertS), unit: '1/s' };

    const from = new Date(NOW - 86_400_000).toISOString();
    const filtered = { statusClass: '5xx' as const, connectionId: 'conn-7', from, limit: 100 };
    const firstPage = store.query(filtered);
    if (firstPage.items.length === 0) throw new Error('bench data produced no 5xx rows for the filter');
    yield { bench: 'logs', figure: 'filtered_first_page_ms', value: timeMs(() => store.query(filtered)), unit: 'ms' };

    const search = { search: 'timeout', limit: 100 };
    if (store.query(search).items.length === 0) throw new Error('FTS search found nothing');
    yield { bench: 'logs', figure: 'fts_search_first_page_ms', value: timeMs(() => store.query(search)), unit: 'ms' };
    const searchFiltered = { search: 'quota', connectionId: 'conn-3', from, limit: 100 };
    yield {
      bench: 'logs',
      figure: 'fts_search_filtered_ms',
      value: timeMs(() => store.query(searchFiltered)),
      unit: 'ms',
    };

    // The oldest 100,000 rows by time: a contiguous range, as a support export of a busy period would be.
    const to = new Date(NOW - SPAN_MS + Math.floor((HAR_ROWS * SPAN_MS) / ROWS)).toISOString();
    const t1 = performance.now();
    const res = await exportCalls(store, join(dir, 'bench.har'), { format: 'har', filter: { to }, pageSize: 2000 });
    const harS = (performance.now() - t1) / 1000;
    yield { bench: 'logs', figure: 'har_export_rows_per_s', value: Math.round(res.rows / harS), unit: '1/s' };
    yield { bench: 'logs', figure: 'har_export_rows', value: res.rows, unit: 'rows' };
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
