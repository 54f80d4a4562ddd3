/**
 * Per-server request log: what arrived when and what was answered. Tests read it (in process or via
 * GET /__sandbox/log) to prove e.g. "no request was sent before Retry-After expired". Bounded so a
 * 1M-record benchmark cannot grow it without limit; `seq` keeps counting so readers can page.
 */
export interface LogEntry {
  seq: number;
  /** Arrival time, epoch milliseconds with sub-millisecond precision. */
  t: number;
  method: string;
  path: string;
  status: number;
  ms: number;
  /** Injected fault, 'rate_limited', 'down' or 'unauthorized' when the request was refused. */
  outcome?: string;
  retryAfterS?: number;
  /** Identifying header values worth checking (Idempotency-Key, SOAPAction, webhook ids). */
  key?: string;
}

export class RequestLog {
  private entries: LogEntry[] = [];
  private nextSeq = 1;
  constructor(private cap = 200_000) {}

  add(e: Omit<LogEntry, 'seq'>): LogEntry {
    const entry = { seq: this.nextSeq++, ...e };
    this.entries.push(entry);
    if (this.entries.length > this.cap) this.entries.splice(0, this.entries.length - this.cap);
    return entry;
  }

  since(seq = 0, limit = 10_000): LogEntry[] {
    const out: LogEntry[] = [];
    for (const e of this.entries) {
      if (e.seq > seq) out.push(e);
      if (out.length >= limit) break;
    }
    return out;
  }

  all(): readonly LogEntry[] {
    return this.entries;
  }

  clear(): void {
    this.entries = [];
  }
}

export function preciseNow(): number {
  return performance.timeOrigin + performance.now();
}
