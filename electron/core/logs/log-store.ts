import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { AppError } from '../../../shared/errors';
import type { CallEvent, CallEventInput } from '../../../shared/models/call-event';
import {
  AppEventInput as AppEventInputSchema,
  AppEventQuery,
  LogFilter,
  LogQuery,
  StatsQuery,
  TailResult,
  type AppEvent,
  type AppEventInput,
  type AppEventPage,
  type AppEventQueryInput,
  type LogFilterInput,
  type LogPage,
  type LogQueryInput,
  type LogStats,
  type RetentionSettings,
  type StatsQueryInput,
} from '../../../shared/models/logs';
import type { Timers } from '../schedule/timers';
import { BatchWriter } from './batch-writer';
import { decodeCursor, encodeCursor } from './cursor';
import { openLogDatabase, type LogDatabase } from './db';
import { filterToSql, mapSearchError } from './filter-sql';
import { Redactor } from './redact';
import { Retention } from './retention';
import { callToValues, rowToApp, rowToCall, type AppRow, type CallRow, type CallRowValues } from './rows';
import { computeStats } from './stats';
import { checkRange, parseInput } from './validate';
import { SqlWhere } from './sql-where';
import { errorMessage } from '../../../shared/error-message';

export interface LogStoreOptions {
  dataDir: string;
  /** Keep the log in memory only: the fallback when logs.db cannot be opened, so the rest still works. */
  inMemory?: boolean;
  /**
   * Safety net applied to every event before it is queued. Call events should already be redacted
   * by the runtime (which knows the connection's secrets); app events rely on this one.
   */
  redactor?: Redactor;
  /** Flush after this many queued rows (default 500). */
  batchSize?: number;
  /** ... or after this many ms (default 200). */
  flushIntervalMs?: number;
  retention?: Partial<RetentionSettings>;
  clock?: () => number;
  /** When the batch flush fires (tests move time with FakeTimers instead of waiting). */
  timers?: Timers;
}

const INSERT_CALL = `INSERT OR IGNORE INTO call_events (
  id, time_ms, duration_ms, run_id, sync_id, connection_id, connector_id, resource, operation,
  method, url, host, status, status_class, error_class, error_code, error_message, attempt, retry_wait_ms,
  bytes_in, bytes_out, records_in, records_out, rate_limit, request_headers, response_headers, request_body, response_body
) VALUES (${Array.from({ length: 28 }, () => '?').join(',')})`;

const INSERT_APP = `INSERT OR IGNORE INTO app_events (id, time_ms, level, kind, message, details, run_id, connection_id)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?)`;

type Queued = { table: 'call'; values: CallRowValues } | { table: 'app'; values: unknown[] };

export type AppendedListener = (info: { count: number }) => void;

/** Call log + app events over logs.db: batched writes, filtered keyset reads, follow mode, stats. */
export class LogStore {
  readonly db: LogDatabase;
  readonly redactor: Redactor;
  readonly retention: Retention;
  private readonly writer: BatchWriter<Queued>;
  private readonly listeners = new Set<AppendedListener>();
  private readonly clock: () => number;
  private closed = false;

  static open(options: LogStoreOptions): LogStore {
    return new LogStore(options);
  }

  private constructor(options: LogStoreOptions) {
    this.db = openLogDatabase(options.inMemory ? ':memory:' : options.dataDir);
    this.clock = options.clock ?? Date.now;
    this.redactor = options.redactor ?? new Redactor();
    const regexCache = new Map<string, RegExp>();
    // Backs the urlPattern filter; patterns are validated before they reach SQL.
    this.db.function('regexp', { deterministic: true }, (pattern, value) => {
      let re = regexCache.get(pattern as string);
      if (!re) {
        re = new RegExp(pattern as string);
        regexCache.set(pattern as string, re);
      }
      return re.test(String(value)) ? 1 : 0;
    });
    const insertCall = this.db.prepare(INSERT_CALL);
    const insertApp = this.db.prepare(INSERT_APP);
    const writeAll = this.db.transaction((rows: Queued[]) => {
      for (const r of rows) (r.table === 'call' ? insertCall : insertApp).run(r.values);
    });
    this.writer = new BatchWriter<Queued>({
      maxRows: options.batchSize ?? 500,
      maxDelayMs: options.flushIntervalMs ?? 200,
      write: (rows) => writeAll(rows),
      onFlushed: (count) => this.listeners.forEach((l) => l({ count })),
      onError: (err) => console.error('[logs] background flush failed:', errorMessage(err)),
      timers: options.timers,
    });
    this.retention = new Retention(this.db, options.retention ?? {}, this.clock);
  }

  // ---- writes -------------------------------------------------------------------------------

  /** Queue one call event (redacted again by the store's safety-net redactor). */
  append(event: CallEventInput): void {
    this.ensureOpen();
    this.writer.push({ table: 'call', values: callToValues(this.redactor.callEvent(event)) });
  }

  appendMany(events: Iterable<CallEventInput>): void {
    for (const e of events) this.append(e);
  }

  appendAppEvent(input: AppEventInput): AppEvent {
    this.ensureOpen();
    const parsed = parseInput(AppEventInputSchema, input, 'app event');
    const e = this.redactor.appEvent({
      ...parsed,
      id: parsed.id ?? randomUUID(),
      time: parsed.time ?? new Date(this.clock()).toISOString(),
    });
    const timeMs = Date.parse(e.time);
    this.writer.push({
      table: 'app',
      values: [
        e.id,
        Number.isNaN(timeMs) ? this.clock() : timeMs,
        e.level,
        e.kind,
        e.message,
        e.details ? JSON.stringify(e.details) : null,
        e.runId ?? null,
        e.connectionId ?? null,
      ],
    });
    return e as AppEvent;
  }

  /** Write queued rows now; returns how many. */
  flush(): number {
    return this.closed ? 0 : this.writer.flush();
  }

  onAppended(listener: AppendedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    if (this.closed) return;
    this.writer.close();
    this.retention.stop();
    this.closed = true;
    this.db.close();
  }

  private ensureOpen(): void {
    if (this.closed) throw new AppError('conflict', 'The log store is closed.');
  }

  /** Reads see everything appended so far (read-your-writes for the viewer and tests). */
  private beforeRead(): void {
    this.ensureOpen();
    if (this.writer.pending) this.writer.flush();
  }

  // ---- reads --------------------------------------------------------------------------------

  private parseFilter<S extends typeof LogFilter | typeof LogQuery | typeof StatsQuery>(
    schema: S,
    input: unknown,
    what: string,
  ): z.output<S> {
    const f = parseInput(schema, input, what) as LogFilter;
    checkRange(f.from, f.to);
    return f as z.output<S>;
  }

  private run<T>(search: string | undefined, fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      return mapSearchError(err, search);
    }
  }

  /** Newest first, keyset-paginated on (time, seq). */
  query(input: LogQueryInput = {}): LogPage & { tailCursor: string } {
    this.beforeRead();
    const q = this.parseFilter(LogQuery, input, 'log query');
    const { where, params } = filterToSql(q);
    if (q.cursor) {
      const c = decodeCursor(q.cursor);
      where.push('(c.time_ms < ? OR (c.time_ms = ? AND c.seq < ?))');
      params.push(c.timeMs, c.timeMs, c.seq);
    }
    const sql = `SELECT c.* FROM call_events c ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY c.time_ms DESC, c.seq DESC LIMIT ?`;
    const rows = this.run(q.search, () => this.db.prepare(sql).all(...params, q.limit + 1) as CallRow[]);
    const more = rows.length > q.limit;
    const page = more ? rows.slice(0, q.limit) : rows;
    const last = page[page.length - 1];
    return {
      items: page.map(rowToCall),
      ...(more && last ? { nextCursor: encodeCursor({ timeMs: last.time_ms, seq: last.seq }) } : {}),
      tailCursor: this.headCursor(),
    };
  }

  /** Cursor at the newest inserted row: follow mode starts here. */
  headCursor(): string {
    const row = this.db.prepare('SELECT seq, time_ms FROM call_events ORDER BY seq DESC LIMIT 1').get() as
      { seq: number; time_ms: number } | undefined;
    return encodeCursor({ timeMs: row?.time_ms ?? 0, seq: row?.seq ?? 0 });
  }

  /**
   * Follow mode: rows inserted after the cursor, oldest first. It follows insertion order, not call
   * time, so a slow call that started before the cursor but finished later is still delivered.
   */
  tail(afterCursor?: string, options: { filter?: LogFilterInput; limit?: number } = {}): TailResult {
    this.beforeRead();
    if (afterCursor === undefined) return { items: [], cursor: this.headCursor() };
    const after = decodeCursor(afterCursor);
    const f = this.parseFilter(LogFilter, options.filter ?? {}, 'log filter');
    const { where, params } = filterToSql(f);
    where.push('c.seq > ?');
    params.push(after.seq);
    const limit = Math.min(Math.max(options.limit ?? 500, 1), 5000);
    const rows = this.run(
      f.search,
      () =>
        this.db
          .prepare(`SELECT c.* FROM call_events c WHERE ${where.join(' AND ')} ORDER BY c.seq ASC LIMIT ?`)
          .all(...params, limit) as CallRow[],
    );
    const last = rows[rows.length - 1];
    return TailResult.parse({
      items: rows.map(rowToCall),
      cursor: last ? encodeCursor({ timeMs: last.time_ms, seq: last.seq }) : afterCursor,
    });
  }

  get(id: string): CallEvent {
    this.beforeRead();
    const row = this.db.prepare('SELECT * FROM call_events WHERE id = ?').get(id) as CallRow | undefined;
    if (!row)
      throw new AppError('not_found', `No call with id ${id} in the log (it may have been purged by retention).`, {
        id,
      });
    return rowToCall(row);
  }

  count(input: LogFilterInput = {}): number {
    this.beforeRead();
    const f = this.parseFilter(LogFilter, input, 'log filter');
    const { where, params } = filterToSql(f);
    return this.run(f.search, () => {
      const r = this.db
        .prepare(`SELECT count(*) n FROM call_events c ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`)
        .get(...params) as { n: number };
      return r.n;
    });
  }

  /**
   * Oldest first, in pages, yielding to the event loop between pages so exports never hold a
   * statement open across an await (better-sqlite3 forbids writes while an iterator is open).
   */
  async *pages(input: LogFilterInput = {}, pageSize = 1000): AsyncGenerator<CallEvent[]> {
    const f = this.parseFilter(LogFilter, input, 'log filter');
    let after: { timeMs: number; seq: number } | null = null;
    for (;;) {
      this.beforeRead();
      const { where, params } = filterToSql(f);
      if (after) {
        where.push('(c.time_ms > ? OR (c.time_ms = ? AND c.seq > ?))');
        params.push(after.timeMs, after.timeMs, after.seq);
      }
      const sql = `SELECT c.* FROM call_events c ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY c.time_ms ASC, c.seq ASC LIMIT ?`;
      const rows = this.run(f.search, () => this.db.prepare(sql).all(...params, pageSize) as CallRow[]);
      if (rows.length === 0) return;
      const last = rows[rows.length - 1]!;
      after = { timeMs: last.time_ms, seq: last.seq };
      yield rows.map(rowToCall);
      if (rows.length < pageSize) return;
      await yieldToLoop();
    }
  }

  stats(input: StatsQueryInput = {}): LogStats {
    this.beforeRead();
    const q = this.parseFilter(StatsQuery, input, 'stats query');
    return this.run(q.search, () => computeStats(this.db, q, this.clock()));
  }

  queryAppEvents(input: AppEventQueryInput = {}): AppEventPage {
    this.beforeRead();
    const q = parseInput(AppEventQuery, input, 'app event query');
    checkRange(q.from, q.to);
    const where = new SqlWhere().timeRange(q.from, q.to);
    if (q.runId) where.add('run_id = ?', q.runId);
    if (q.level) where.add('level = ?', q.level);
    if (q.kind) where.add('kind = ?', q.kind);
    if (q.cursor) {
      const c = decodeCursor(q.cursor);
      where.add('(time_ms < ? OR (time_ms = ? AND seq < ?))', c.timeMs, c.timeMs, c.seq);
    }
    const rows = this.db
      .prepare(`SELECT * FROM app_events ${where} ORDER BY time_ms DESC, seq DESC LIMIT ?`)
      .all(...where.params, q.limit + 1) as AppRow[];
    const more = rows.length > q.limit;
    const page = more ? rows.slice(0, q.limit) : rows;
    const last = page[page.length - 1];
    return {
      items: page.map(rowToApp),
      ...(more && last ? { nextCursor: encodeCursor({ timeMs: last.time_ms, seq: last.seq }) } : {}),
    };
  }
}
