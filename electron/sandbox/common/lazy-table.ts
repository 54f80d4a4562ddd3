/**
 * A table whose first `size` rows are computed from their index on demand and never stored;
 * only rows written through the API (updates, creates, deletions-as-flags) take memory. So a
 * 1,000,000-record seed costs nothing until a client writes to it.
 *
 * Two read orders:
 *  - by index (the API's id order), for plain list endpoints;
 *  - "changes": untouched generated rows in index order (their timestamps grow with the index),
 *    then written rows in write order. That is updatedAt order, which incremental reads need, and
 *    a cursor into it stays valid while writes continue (a re-written row moves to the end).
 */
export interface Row<T> {
  index: number;
  rec: T;
}

/** Position in the changes order: `g` = generated row index, `w` = write-log position. */
export interface ChangeCursor {
  phase: 'g' | 'w';
  pos: number;
}

export function encodeChangeCursor(c: ChangeCursor): string {
  return `${c.phase}${c.pos}`;
}

export function decodeChangeCursor(s: string | null | undefined): ChangeCursor | null {
  if (!s) return { phase: 'g', pos: 0 };
  const m = /^([gw])(\d+)$/.exec(s);
  return m ? { phase: m[1] as 'g' | 'w', pos: Number(m[2]) } : null;
}

export class LazyTable<T> {
  private writes = new Map<number, { rec: T; seq: number }>();
  private writeLog: number[] = [];
  private next: number;
  /** Counts writes per kind, for stats. */
  created = 0;
  updated = 0;

  constructor(
    private generate: (index: number) => T,
    public size: number,
  ) {
    this.next = size;
  }

  /** One past the highest index in use (generated or created). */
  get end(): number {
    return this.next;
  }

  get(index: number): T | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.next) return undefined;
    const w = this.writes.get(index);
    if (w) return w.rec;
    return index < this.size ? this.generate(index) : undefined;
  }

  isWritten(index: number): boolean {
    return this.writes.has(index);
  }

  put(index: number, rec: T): void {
    if (index >= this.next) this.next = index + 1;
    this.writes.set(index, { rec, seq: this.writeLog.length });
    this.writeLog.push(index);
    this.updated++;
  }

  /** Appends a row at the next free index; `build` receives that index (ids derive from it). */
  insert(build: (index: number) => T): Row<T> {
    const index = this.next;
    const rec = build(index);
    this.put(index, rec);
    this.updated--;
    this.created++;
    return { index, rec };
  }

  /** Rows in index order from `from` (inclusive), ascending or descending. */
  *byIndex(from: number, desc = false): Generator<Row<T>> {
    if (desc) {
      for (let i = Math.min(from, this.next - 1); i >= 0; i--) {
        const rec = this.get(i);
        if (rec !== undefined) yield { index: i, rec };
      }
    } else {
      for (let i = Math.max(0, from); i < this.next; i++) {
        const rec = this.get(i);
        if (rec !== undefined) yield { index: i, rec };
      }
    }
  }

  /**
   * Rows in changes order from `cursor`. `minGenerated` lets callers skip generated rows known to be
   * too old (their timestamps are monotonic in the index). Yields the cursor *after* each row.
   */
  *changes(cursor: ChangeCursor, minGenerated = 0): Generator<Row<T> & { after: ChangeCursor }> {
    if (cursor.phase === 'g') {
      for (let i = Math.max(cursor.pos, minGenerated); i < this.size; i++) {
        if (this.writes.has(i)) continue;
        yield { index: i, rec: this.generate(i), after: { phase: 'g', pos: i + 1 } };
      }
      cursor = { phase: 'w', pos: 0 };
    }
    for (let p = cursor.pos; p < this.writeLog.length; p++) {
      const index = this.writeLog[p]!;
      const w = this.writes.get(index);
      if (!w || w.seq !== p) continue; // superseded by a later write of the same row
      yield { index, rec: w.rec, after: { phase: 'w', pos: p + 1 } };
    }
  }

  /** Written rows only (creates and updates), in index order: what tests inspect. */
  *written(): Generator<Row<T>> {
    const idx = [...this.writes.keys()].sort((a, b) => a - b);
    for (const index of idx) yield { index, rec: this.writes.get(index)!.rec };
  }

  /** Written rows in write order (superseded writes left out): what a snapshot keeps. */
  exportWrites(): { end: number; rows: Row<T>[] } {
    const rows: Row<T>[] = [];
    for (const [p, index] of this.writeLog.entries()) {
      const w = this.writes.get(index);
      if (w && w.seq === p) rows.push({ index, rec: w.rec });
    }
    return { end: this.next, rows };
  }

  get writtenCount(): number {
    return this.writes.size;
  }

  reset(size = this.size): void {
    this.size = size;
    this.next = size;
    this.writes.clear();
    this.writeLog = [];
    this.created = 0;
    this.updated = 0;
  }
}

/** Collects one page of `limit` items plus whether more exist, without materialising the rest. */
export function takePage<R>(iter: Iterator<R>, limit: number): { items: R[]; more: boolean } {
  const items: R[] = [];
  while (items.length < limit) {
    const n = iter.next();
    if (n.done) return { items, more: false };
    items.push(n.value);
  }
  return { items, more: !iter.next().done };
}
