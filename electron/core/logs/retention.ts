import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { RetentionSettings } from '../../../shared/models/logs';
import type { LogDatabase } from './db';
import { errorMessage } from '../../../shared/error-message';

export interface PurgeResult {
  deletedCalls: number;
  deletedAppEvents: number;
  deletedLedger: number;
  steps: number;
  bytesBefore: number;
  bytesAfter: number;
}

export interface RetentionOptions {
  /** Rows deleted per step; each step is one short transaction followed by a turn of the event loop. */
  batchRows?: number;
  /** Pages returned to the OS per incremental-vacuum step. */
  vacuumPages?: number;
}

/**
 * Keeps logs.db within an age and a size budget. Work is split into small delete transactions
 * separated by setImmediate, so a purge of millions of rows never blocks the thread (or the
 * batched writer) for more than a few milliseconds at a time.
 */
export class Retention {
  private settings: RetentionSettings;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<PurgeResult> | null = null;
  private readonly batchRows: number;
  private readonly vacuumPages: number;

  constructor(
    private readonly db: LogDatabase,
    settings: Partial<RetentionSettings>,
    private readonly clock: () => number = Date.now,
    options: RetentionOptions = {},
  ) {
    this.settings = RetentionSettings.parse(settings);
    this.batchRows = options.batchRows ?? 2000;
    this.vacuumPages = options.vacuumPages ?? 1000;
  }

  configure(settings: Partial<RetentionSettings>): RetentionSettings {
    this.settings = RetentionSettings.parse({ ...this.settings, ...settings });
    return this.settings;
  }

  get current(): RetentionSettings {
    return this.settings;
  }

  /** Bytes used by live pages (free pages are reclaimable and do not count against the budget). */
  usedBytes(): number {
    const pageSize = this.db.pragma('page_size', { simple: true }) as number;
    const pages = this.db.pragma('page_count', { simple: true }) as number;
    const free = this.db.pragma('freelist_count', { simple: true }) as number;
    return (pages - free) * pageSize;
  }

  fileBytes(): number {
    return (
      (this.db.pragma('page_count', { simple: true }) as number) *
      (this.db.pragma('page_size', { simple: true }) as number)
    );
  }

  /** Run a purge now; concurrent callers share the one in flight. */
  purge(): Promise<PurgeResult> {
    this.running ??= this.doPurge().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Purge periodically (default hourly) in the background. */
  start(intervalMs = 3_600_000): void {
    this.stop();
    this.timer = setInterval(() => {
      this.purge().catch((err) => console.error('[logs] retention purge failed:', errorMessage(err)));
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Incremental FTS5 merge, a few hundred pages per step; true if it did any work. */
  private async mergeFts(result: PurgeResult): Promise<boolean> {
    const merge = this.db.prepare(`INSERT INTO call_fts(call_fts, rank) VALUES ('merge', ?)`);
    let worked = false;
    // A negative first step merges even when a level has few segments (tombstones from a purge
    // sit in small segments); positive steps then continue that merge.
    for (let first = true; ; first = false) {
      if (!this.db.open) return worked;
      const before = this.db.prepare('SELECT total_changes() n').pluck().get() as number;
      merge.run(first ? -this.vacuumPages : this.vacuumPages);
      result.steps++;
      // Per the FTS5 docs, fewer than 2 changes means there was nothing left to merge.
      if ((this.db.prepare('SELECT total_changes() n').pluck().get() as number) - before < 2) return worked;
      worked = true;
      await yieldToLoop();
    }
  }

  private async doPurge(): Promise<PurgeResult> {
    const result: PurgeResult = {
      deletedCalls: 0,
      deletedAppEvents: 0,
      deletedLedger: 0,
      steps: 0,
      bytesBefore: this.fileBytes(),
      bytesAfter: 0,
    };
    const cutoff = this.clock() - this.settings.maxAgeDays * 86_400_000;
    const deleteOld = (table: string, key: string) =>
      this.db.prepare(
        `DELETE FROM ${table} WHERE ${key} IN (SELECT ${key} FROM ${table} WHERE time_ms < ? ORDER BY time_ms LIMIT ?)`,
      );
    const steps: [ReturnType<typeof deleteOld>, keyof PurgeResult][] = [
      [deleteOld('call_events', 'seq'), 'deletedCalls'],
      [deleteOld('app_events', 'seq'), 'deletedAppEvents'],
      [deleteOld('data_access', 'id'), 'deletedLedger'],
    ];
    for (const [stmt, counter] of steps) {
      for (;;) {
        if (!this.db.open) return result;
        const n = stmt.run(cutoff, this.batchRows).changes;
        result[counter] += n;
        result.steps++;
        if (n < this.batchRows) break;
        await yieldToLoop();
      }
    }
    // FTS5 only records deletions as tombstones; merging segments is what frees their pages.
    await this.mergeFts(result);
    // Size budget: drop the oldest calls (the bulk of the bytes) until live pages fit.
    const oldestCalls = this.db.prepare(
      `DELETE FROM call_events WHERE seq IN (SELECT seq FROM call_events ORDER BY time_ms LIMIT ?)`,
    );
    while (this.db.open && this.usedBytes() > this.settings.maxBytes) {
      const n = oldestCalls.run(this.batchRows).changes;
      result.deletedCalls += n;
      result.steps++;
      const merged = await this.mergeFts(result);
      if (n === 0 && !merged) break;
      await yieldToLoop();
    }
    // Hand free pages back to the file system a slice at a time.
    while (this.db.open && (this.db.pragma('freelist_count', { simple: true }) as number) > 0) {
      const before = this.db.pragma('freelist_count', { simple: true }) as number;
      this.db.pragma(`incremental_vacuum(${this.vacuumPages})`);
      result.steps++;
      if ((this.db.pragma('freelist_count', { simple: true }) as number) >= before) break;
      await yieldToLoop();
    }
    if (this.db.open) this.db.pragma('wal_checkpoint(PASSIVE)');
    result.bytesAfter = this.db.open ? this.fileBytes() : 0;
    return result;
  }
}
