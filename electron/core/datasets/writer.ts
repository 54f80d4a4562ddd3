import type { Dataset } from '../../../shared/models/datasets';
import type { DatasetDatabase } from './db';
import type { RowValues } from './normalize/row-builder';
import { SYSTEM_COLUMNS, q, tableName } from './table';

/**
 * Upserts rows by (source, source record id): a refresh, full or incremental, never duplicates.
 * Positional parameters in one column order (declared names may not be valid SQL parameter names).
 */
export class RowWriter {
  private readonly columns: string[];
  private readonly upsert;
  private readonly trimChildren;
  private readonly countSource;
  private readonly sweep;

  constructor(
    private readonly db: DatasetDatabase,
    dataset: Dataset,
  ) {
    const t = q(tableName(dataset.id));
    this.columns = [...SYSTEM_COLUMNS.map(([n]) => n), ...dataset.columns.map((c) => c.name)];
    const cols = this.columns.map(q).join(', ');
    const updates = this.columns
      .filter((c) => c !== '_source' && c !== '_record_id')
      .map((c) => `${q(c)} = excluded.${q(c)}`);
    this.upsert = db.prepare(
      `INSERT INTO ${t} (${cols}) VALUES (${this.columns.map(() => '?').join(', ')}) ON CONFLICT (_source, _record_id) DO UPDATE SET ${updates.join(', ')}`,
    );
    this.trimChildren = db.prepare(`DELETE FROM ${t} WHERE _source = ? AND _parent_id = ? AND _child_index >= ?`);
    this.countSource = db.prepare(`SELECT COUNT(*) AS n FROM ${t} WHERE _source = ?`).pluck();
    this.sweep = db.prepare(`DELETE FROM ${t} WHERE _source = ? AND _fetched_at <> ?`);
  }

  /** One page in one transaction (WAL: readers keep answering while it commits). */
  writePage(
    rows: readonly RowValues[],
    trims: readonly { parentId: string; keep: number; sourceId: string }[] = [],
  ): void {
    this.db.transaction(() => {
      for (const t of trims) this.trimChildren.run(t.sourceId, t.parentId, t.keep);
      for (const row of rows) this.upsert.run(this.columns.map((c) => row[c] ?? null));
    })();
  }

  count(sourceId: string): number {
    return this.countSource.get(sourceId) as number;
  }

  /** After a complete full read: rows the source no longer returns are gone from the source too. */
  removeUnseen(sourceId: string, fetchedAt: string): number {
    return this.sweep.run(sourceId, fetchedAt).changes;
  }
}
