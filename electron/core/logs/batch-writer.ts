import { realTimers, type Timers } from '../schedule/timers';

/**
 * Collects rows in memory and writes them in one transaction every `maxRows` rows or `maxDelayMs`
 * milliseconds, whichever comes first: one fsync per batch instead of one per call is what makes
 * logging every request affordable.
 */
export interface BatchWriterOptions<T> {
  maxRows: number;
  maxDelayMs: number;
  /** Writes all rows; called inside a transaction by the owner. */
  write: (rows: T[]) => void;
  /** Called after a successful flush (e.g. to push `logs:appended`). */
  onFlushed?: (count: number) => void;
  /** A failed background flush must not crash the process; the owner decides what to report. */
  onError?: (err: unknown) => void;
  /** Real timers (which never keep a CLI process alive) unless a test moves time itself. */
  timers?: Timers;
}

export class BatchWriter<T> {
  private queue: T[] = [];
  private timer: unknown = null;
  private closed = false;

  private readonly timers: Timers;

  constructor(private readonly options: BatchWriterOptions<T>) {
    this.timers = options.timers ?? realTimers;
  }

  get pending(): number {
    return this.queue.length;
  }

  push(row: T): void {
    if (this.closed) throw new Error('BatchWriter is closed');
    this.queue.push(row);
    if (this.queue.length >= this.options.maxRows) this.flush();
    else if (!this.timer) {
      // Pending log rows alone must not keep a CLI process alive (real timers are unref'd); close() flushes them.
      this.timer = this.timers.setTimer(() => {
        this.timer = null;
        try {
          this.flush();
        } catch (err) {
          this.options.onError?.(err);
        }
      }, this.options.maxDelayMs);
    }
  }

  flush(): number {
    if (this.timer) {
      this.timers.clearTimer(this.timer);
      this.timer = null;
    }
    if (this.queue.length === 0) return 0;
    const rows = this.queue;
    this.queue = [];
    this.options.write(rows);
    this.options.onFlushed?.(rows.length);
    return rows.length;
  }

  close(): void {
    this.flush();
    this.closed = true;
  }
}
