import type { TargetRecord } from './ports';
import type { StateDatabase } from './state-db';

/**
 * The target's records by normalized match key for one run, in state.db: a target without a search
 * operation is listed once per run into it, and every lookup after that is a local read. On disk
 * rather than in memory, so a 100k-record target costs no heap.
 */
export interface MatchIndex {
  /** Empty it (a resumed run rebuilds: the target may hold records the crashed attempt created). */
  clear(): void;
  /** Add records; the first one seen for a key wins (a target holding duplicates keeps its oldest listing). */
  add(rows: { key: string; record: TargetRecord }[]): void;
  get(key: string): TargetRecord | null;
  size(): number;
}

export class StateMatchIndex implements MatchIndex {
  private readonly insert;
  private readonly select;
  private readonly count;
  private readonly remove;
  private readonly addMany;
  /** Keys listed more than once, with the ids after the first (lookups report them as ambiguous). */
  private readonly twins = new Map<string, string[]>();

  constructor(
    db: StateDatabase,
    private readonly runId: string,
  ) {
    this.insert = db.prepare(
      'INSERT OR IGNORE INTO match_index (run_id, match_key, target_id, vals) VALUES (?, ?, ?, ?)',
    );
    this.select = db.prepare<[string, string], { target_id: string; vals: string }>(
      'SELECT target_id, vals FROM match_index WHERE run_id = ? AND match_key = ?',
    );
    this.count = db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM match_index WHERE run_id = ?');
    this.remove = db.prepare('DELETE FROM match_index WHERE run_id = ?');
    this.addMany = db.transaction((rows: { key: string; record: TargetRecord }[]) => {
      for (const r of rows) {
        const added = this.insert.run(this.runId, r.key, r.record.id, JSON.stringify(r.record.values)).changes;
        if (added === 0) this.twins.set(r.key, [...(this.twins.get(r.key) ?? []), r.record.id]);
      }
    });
  }

  clear(): void {
    this.remove.run(this.runId);
    this.twins.clear();
  }

  add(rows: { key: string; record: TargetRecord }[]): void {
    if (rows.length > 0) this.addMany(rows);
  }

  get(key: string): TargetRecord | null {
    const row = this.select.get(this.runId, key);
    if (!row) return null;
    const twins = this.twins.get(key)?.filter((id) => id !== row.target_id);
    return {
      id: row.target_id,
      values: JSON.parse(row.vals) as Record<string, unknown>,
      ...(twins?.length ? { alsoMatched: twins } : {}),
    };
  }

  size(): number {
    return this.count.get(this.runId)?.n ?? 0;
  }
}

/** For writers used outside a run (tests, previews): the same contract in memory. */
export class MemoryMatchIndex implements MatchIndex {
  private readonly map = new Map<string, TargetRecord>();
  clear(): void {
    this.map.clear();
  }
  add(rows: { key: string; record: TargetRecord }[]): void {
    for (const r of rows) {
      const first = this.map.get(r.key);
      if (!first) this.map.set(r.key, r.record);
      else if (first.id !== r.record.id)
        this.map.set(r.key, { ...first, alsoMatched: [...(first.alsoMatched ?? []), r.record.id] });
    }
  }
  get(key: string): TargetRecord | null {
    return this.map.get(key) ?? null;
  }
  size(): number {
    return this.map.size;
  }
}
