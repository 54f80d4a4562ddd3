import { join } from 'node:path';
import type { CompactionResult, StorageReport } from '../../../shared/models/storage';
import { errorMessage } from '../../../shared/error-message';
import { realTimers, type Timers } from '../schedule/timers';
import { compactDatabaseFile, databaseFileSizes } from './housekeeping';
import type { DatabaseSpec } from './open-sqlite';
import { storageError } from './sqlite-errors';

export interface HousekeepingOptions {
  dataDir: string;
  databases: readonly DatabaseSpec[];
  /** Days of history kept (the user's preference, read at each compaction). */
  retentionDays: () => number;
  timers?: Timers;
  /** Rows per prune transaction (tests use small ones to go through several). */
  batchRows?: number;
}

/**
 * Keeps the data folder's SQLite files from growing without bound: what each database declared it
 * may forget is pruned after the retention period, freed pages are given back and WALs truncated —
 * in the background every few hours in the app, or now from Settings / `patchbay storage --compact`.
 * The call log has its own age and size budget (logs/retention.ts); here it is only compacted.
 */
export class Housekeeping {
  private last: CompactionResult | null = null;
  private running: Promise<CompactionResult> | null = null;
  private timer: unknown = null;
  private readonly timers: Timers;

  constructor(private readonly options: HousekeepingOptions) {
    this.timers = options.timers ?? realTimers;
  }

  report(): StorageReport {
    const databases = this.options.databases.map((spec) => {
      const path = join(this.options.dataDir, spec.file);
      return { file: spec.file, what: spec.what, path, ...databaseFileSizes(path) };
    });
    return {
      dataDir: this.options.dataDir,
      databases,
      totalBytes: databases.reduce((n, d) => n + d.bytes + d.walBytes, 0),
      historyRetentionDays: this.options.retentionDays(),
      lastCompaction: this.last,
    };
  }

  /** Compact every file now; concurrent callers share the one in flight. `userAsked` allows the slow legacy conversion. */
  compact(userAsked = false): Promise<CompactionResult> {
    this.running ??= this.run(userAsked).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Compact periodically (default every 6 hours), first one interval after start. */
  start(intervalMs = 6 * 3_600_000): void {
    this.stop();
    const tick = () => {
      this.timer = this.timers.setTimer(() => {
        this.compact().catch((error) => process.stderr.write(`[patchbay] compaction failed: ${errorMessage(error)}\n`));
        tick();
      }, intervalMs);
    };
    tick();
  }

  stop(): void {
    if (this.timer !== null) this.timers.clearTimer(this.timer);
    this.timer = null;
  }

  private async run(userAsked: boolean): Promise<CompactionResult> {
    const now = this.timers.now();
    const cutoff = now - this.options.retentionDays() * 86_400_000;
    const result: CompactionResult = {
      at: new Date(now).toISOString(),
      pruned: [],
      bytesBefore: 0,
      bytesAfter: 0,
      skipped: [],
    };
    for (const spec of this.options.databases) {
      const path = join(this.options.dataDir, spec.file);
      try {
        const r = await compactDatabaseFile(path, spec, cutoff, {
          batchRows: this.options.batchRows,
          convertLegacy: userAsked,
        });
        result.bytesBefore += r.bytesBefore;
        result.bytesAfter += r.bytesAfter;
        for (const p of r.pruned) result.pruned.push({ file: spec.file, ...p });
      } catch (error) {
        // One busy or read-only file must not keep the others from being compacted.
        const typed = storageError(error, spec.what, path);
        const sizes = databaseFileSizes(path);
        result.bytesBefore += sizes.bytes + sizes.walBytes;
        result.bytesAfter += sizes.bytes + sizes.walBytes;
        result.skipped.push({ file: spec.file, reason: typed?.message ?? errorMessage(error) });
      }
    }
    this.last = result;
    return result;
  }
}
