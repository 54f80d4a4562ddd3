import type {
  RecordOutcome,
  RecordOutcomeKind,
  RunCounters,
  RunStatus,
  RunWarning,
  SyncMode,
  SyncRun,
} from '../../../shared/models/sync';
import { StateMatchIndex, type MatchIndex } from './match-index';
import type { StateDatabase } from './state-db';
import { acceptsWrites } from '../db/open-sqlite';

export interface RunRow extends SyncRun {
  cursor: string | null;
  pages: number;
  sinceMs: number | null;
  maxUpdatedAt: number | null;
}

export interface MapRow {
  sourceId: string;
  targetId: string;
  matchKey: string | null;
  contentHash: string;
  values: Record<string, unknown>;
  sourceUpdatedAt: number | null;
  mappingVersion: number;
}

/** Everything one record (or one merged group) changes, committed in one transaction. */
export interface UnitCommit {
  runId: string;
  syncId: string;
  outcomes: Omit<RecordOutcome, 'at'>[];
  map: Omit<MapRow, 'mappingVersion'>[];
  /** Id-map rows to drop (the target record they pointed at is gone). */
  unmap?: string[];
  target?: { id: string; values: Record<string, unknown> };
  quarantine?: { sourceId: string; code: string; error: string; record: unknown }[];
  /** Source ids whose quarantine entry is cleared (they succeeded now). */
  release?: string[];
  counters: RunCounters;
  mappingVersion: number;
}

export const emptyCounters = (): RunCounters => ({
  processed: 0,
  created: 0,
  updated: 0,
  unchanged: 0,
  failed: 0,
  skipped: 0,
  merged: 0,
  filtered: 0,
  ambiguous: 0,
  updatedFields: {},
});

interface RawRun {
  id: string;
  sync_id: string;
  status: string;
  dry_run: number;
  mode: string;
  retry_of: string | null;
  mapping_version: number;
  previous_mapping_version: number | null;
  counters: string;
  started_at: string;
  finished_at: string | null;
  active_ms: number;
  resumes: number;
  error: string | null;
  warnings: string;
  cursor: string | null;
  pages: number;
  since_ms: number | null;
  max_updated_at: number | null;
}

function toRun(r: RawRun): RunRow {
  return {
    id: r.id,
    syncId: r.sync_id,
    status: r.status as RunStatus,
    dryRun: r.dry_run === 1,
    mode: r.mode as SyncMode,
    retryOf: r.retry_of,
    mappingVersion: r.mapping_version,
    previousMappingVersion: r.previous_mapping_version,
    counters: { ...emptyCounters(), ...(JSON.parse(r.counters) as RunCounters) },
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    activeMs: r.active_ms,
    resumes: r.resumes,
    error: r.error ? (JSON.parse(r.error) as { code: string; message: string }) : null,
    warnings: JSON.parse(r.warnings) as RunWarning[],
    cursor: r.cursor,
    pages: r.pages,
    sinceMs: r.since_ms,
    maxUpdatedAt: r.max_updated_at,
  };
}

interface RawMap {
  source_id: string;
  target_id: string;
  match_key: string | null;
  content_hash: string;
  vals: string;
  source_updated_at: number | null;
  mapping_version: number;
}

const toMap = (r: RawMap): MapRow => ({
  sourceId: r.source_id,
  targetId: r.target_id,
  matchKey: r.match_key,
  contentHash: r.content_hash,
  values: JSON.parse(r.vals) as Record<string, unknown>,
  sourceUpdatedAt: r.source_updated_at,
  mappingVersion: r.mapping_version,
});

const RESUMABLE: RunStatus[] = ['running', 'interrupted', 'cancelled', 'failed', 'partial'];

/** Typed access to state.db: every statement prepared once (the engine commits per record). */
export class SyncStateStore {
  private readonly s;
  private seq = Date.now() * 1000;

  /** The run's target index (see match-index.ts). */
  matchIndex(runId: string): MatchIndex {
    return new StateMatchIndex(this.db, runId);
  }

  constructor(readonly db: StateDatabase) {
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      insertRun:
        p(`INSERT INTO runs (id, sync_id, status, dry_run, mode, retry_of, mapping_version, previous_mapping_version, counters, started_at, since_ms, warnings)
                    VALUES (@id, @syncId, 'running', @dryRun, @mode, @retryOf, @mappingVersion, @previousMappingVersion, @counters, @startedAt, @sinceMs, @warnings)`),
      getRun: p('SELECT * FROM runs WHERE id = ?'),
      latestRun: p('SELECT * FROM runs WHERE sync_id = ? AND dry_run = 0 ORDER BY started_at DESC, rowid DESC LIMIT 1'),
      lastRun: p('SELECT * FROM runs WHERE sync_id = ? ORDER BY started_at DESC, rowid DESC LIMIT 1'),
      listRuns: p('SELECT * FROM runs WHERE sync_id = ? ORDER BY started_at DESC, rowid DESC LIMIT ?'),
      resumeRun: p(
        `UPDATE runs SET status = 'running', resumes = resumes + 1, mapping_version = ?, finished_at = NULL, error = NULL WHERE id = ?`,
      ),
      checkpoint: p(
        'UPDATE runs SET cursor = ?, pages = pages + 1, counters = ?, max_updated_at = ?, active_ms = ?, warnings = ? WHERE id = ?',
      ),
      counters: p('UPDATE runs SET counters = ? WHERE id = ?'),
      finish: p(
        'UPDATE runs SET status = ?, finished_at = ?, counters = ?, error = ?, active_ms = ?, warnings = ? WHERE id = ?',
      ),
      interruptAll: p(`UPDATE runs SET status = 'interrupted' WHERE status = 'running'`),
      interruptOne: p(`UPDATE runs SET status = 'interrupted' WHERE status = 'running' AND id = ?`),
      getState: p('SELECT * FROM sync_state WHERE sync_id = ?'),
      putState: p(`INSERT INTO sync_state (sync_id, watermark, mapping_version, last_run_id) VALUES (?, ?, ?, ?)
                   ON CONFLICT(sync_id) DO UPDATE SET watermark = excluded.watermark, mapping_version = excluded.mapping_version, last_run_id = excluded.last_run_id`),
      mapBySource: p('SELECT * FROM id_map WHERE sync_id = ? AND source_id = ?'),
      mapByKey: p('SELECT * FROM id_map INDEXED BY id_map_key WHERE sync_id = ? AND match_key = ? LIMIT 20'),
      mapByTarget: p('SELECT * FROM id_map INDEXED BY id_map_target WHERE sync_id = ? AND target_id = ? LIMIT 100'),
      putMap:
        p(`INSERT INTO id_map (sync_id, source_id, target_id, match_key, content_hash, vals, source_updated_at, mapping_version, synced_at)
                 VALUES (@syncId, @sourceId, @targetId, @matchKey, @contentHash, @vals, @sourceUpdatedAt, @mappingVersion, @at)
                 ON CONFLICT(sync_id, source_id) DO UPDATE SET target_id = excluded.target_id, match_key = excluded.match_key, content_hash = excluded.content_hash,
                   vals = excluded.vals, source_updated_at = excluded.source_updated_at, mapping_version = excluded.mapping_version, synced_at = excluded.synced_at`),
      dropMap: p('DELETE FROM id_map WHERE sync_id = ? AND source_id = ?'),
      getTarget: p('SELECT vals FROM target_state WHERE sync_id = ? AND target_id = ?'),
      putTarget: p(
        `INSERT INTO target_state (sync_id, target_id, vals) VALUES (?, ?, ?) ON CONFLICT(sync_id, target_id) DO UPDATE SET vals = excluded.vals`,
      ),
      hasOutcome: p('SELECT 1 FROM outcomes WHERE run_id = ? AND source_id = ?'),
      putOutcome:
        p(`INSERT INTO outcomes (run_id, source_id, seq, outcome, target_id, match_key, reason, code, changes, conflicts, at)
                     VALUES (@runId, @sourceId, @seq, @outcome, @targetId, @matchKey, @reason, @code, @changes, @conflicts, @at)
                     ON CONFLICT(run_id, source_id) DO UPDATE SET outcome = excluded.outcome, target_id = excluded.target_id, reason = excluded.reason,
                       code = excluded.code, changes = excluded.changes, conflicts = excluded.conflicts, at = excluded.at`),
      outcomes: p('SELECT * FROM outcomes WHERE run_id = ? ORDER BY seq LIMIT ? OFFSET ?'),
      outcomesOfKind: p('SELECT * FROM outcomes WHERE run_id = ? AND outcome = ? ORDER BY seq LIMIT ? OFFSET ?'),
      outcomeCount: p('SELECT count(*) AS n FROM outcomes WHERE run_id = ?'),
      failedIds: p(`SELECT source_id FROM outcomes WHERE run_id = ? AND outcome = 'failed' ORDER BY seq`),
      quarantine:
        p(`INSERT INTO quarantine (sync_id, source_id, run_id, code, error, record, at) VALUES (?, ?, ?, ?, ?, ?, ?)
                     ON CONFLICT(sync_id, source_id) DO UPDATE SET run_id = excluded.run_id, code = excluded.code, error = excluded.error, record = excluded.record, at = excluded.at`),
      release: p('DELETE FROM quarantine WHERE sync_id = ? AND source_id = ?'),
      quarantined: p('SELECT record FROM quarantine WHERE sync_id = ? AND source_id = ?'),
      quarantineCount: p('SELECT count(*) AS n FROM quarantine WHERE sync_id = ?'),
      mapCount: p('SELECT count(*) AS n FROM id_map WHERE sync_id = ?'),
    };
  }

  createRun(run: {
    id: string;
    syncId: string;
    dryRun: boolean;
    mode: SyncMode;
    retryOf: string | null;
    mappingVersion: number;
    previousMappingVersion: number | null;
    startedAt: string;
    sinceMs: number | null;
    warnings: RunWarning[];
  }): RunRow {
    this.s.insertRun.run({
      ...run,
      dryRun: run.dryRun ? 1 : 0,
      counters: JSON.stringify(emptyCounters()),
      warnings: JSON.stringify(run.warnings),
    });
    return this.getRun(run.id)!;
  }

  getRun(id: string): RunRow | null {
    const r = this.s.getRun.get(id) as RawRun | undefined;
    return r ? toRun(r) : null;
  }

  /** The unfinished run a new start of this sync continues, if any (never a dry run). */
  resumable(syncId: string): RunRow | null {
    const r = this.s.latestRun.get(syncId) as RawRun | undefined;
    if (!r) return null;
    const run = toRun(r);
    return RESUMABLE.includes(run.status) ? run : null;
  }

  lastRun(syncId: string): RunRow | null {
    const r = this.s.lastRun.get(syncId) as RawRun | undefined;
    return r ? toRun(r) : null;
  }

  listRuns(syncId: string, limit = 50): RunRow[] {
    return (this.s.listRuns.all(syncId, limit) as RawRun[]).map(toRun);
  }

  resumeRun(id: string, mappingVersion: number): void {
    this.s.resumeRun.run(mappingVersion, id);
  }

  /** Page boundary: the cursor moves past the page, and counters include the page's unchanged records. */
  checkpoint(
    id: string,
    cursor: string | null,
    counters: RunCounters,
    maxUpdatedAt: number | null,
    activeMs: number,
    warnings: RunWarning[],
  ): void {
    this.s.checkpoint.run(
      cursor,
      JSON.stringify(counters),
      maxUpdatedAt,
      Math.round(activeMs),
      JSON.stringify(warnings),
      id,
    );
  }

  finishRun(
    id: string,
    status: RunStatus,
    counters: RunCounters,
    error: { code: string; message: string } | null,
    activeMs: number,
    warnings: RunWarning[],
    at: string,
  ): void {
    this.s.finish.run(
      status,
      at,
      JSON.stringify(counters),
      error ? JSON.stringify(error) : null,
      Math.round(activeMs),
      JSON.stringify(warnings),
      id,
    );
  }

  /** At start-up nothing runs yet: a run still marked running was cut short (crash, kill, power). */
  markInterrupted(runId?: string): number {
    // Opened read-only (full disk, read-only folder): the next writable start marks them.
    if (!acceptsWrites(this.db)) return 0;
    return (runId ? this.s.interruptOne.run(runId) : this.s.interruptAll.run()).changes;
  }

  syncState(syncId: string): { watermark: number | null; mappingVersion: number | null; lastRunId: string | null } {
    const r = this.s.getState.get(syncId) as
      { watermark: number | null; mapping_version: number | null; last_run_id: string | null } | undefined;
    return {
      watermark: r?.watermark ?? null,
      mappingVersion: r?.mapping_version ?? null,
      lastRunId: r?.last_run_id ?? null,
    };
  }

  putSyncState(syncId: string, watermark: number | null, mappingVersion: number, lastRunId: string): void {
    this.s.putState.run(syncId, watermark, mappingVersion, lastRunId);
  }

  mapBySource(syncId: string, sourceId: string): MapRow | null {
    const r = this.s.mapBySource.get(syncId, sourceId) as RawMap | undefined;
    return r ? toMap(r) : null;
  }

  mapByKey(syncId: string, key: string): MapRow[] {
    return (this.s.mapByKey.all(syncId, key) as RawMap[]).map(toMap);
  }

  membersOf(syncId: string, targetId: string): MapRow[] {
    return (this.s.mapByTarget.all(syncId, targetId) as RawMap[]).map(toMap);
  }

  targetValues(syncId: string, targetId: string): Record<string, unknown> | null {
    const r = this.s.getTarget.get(syncId, targetId) as { vals: string } | undefined;
    return r ? (JSON.parse(r.vals) as Record<string, unknown>) : null;
  }

  hasOutcome(runId: string, sourceId: string): boolean {
    return this.s.hasOutcome.get(runId, sourceId) !== undefined;
  }

  /** Outcome + id map + last-synced values + quarantine + counters: all or nothing. */
  readonly commit = (u: UnitCommit): void => {
    this.commitTx(u);
  };

  private readonly commitTx = (u: UnitCommit) =>
    this.db.transaction((c: UnitCommit) => {
      const at = new Date().toISOString();
      for (const o of c.outcomes) {
        this.s.putOutcome.run({
          runId: c.runId,
          sourceId: o.sourceId,
          seq: this.seq++,
          outcome: o.outcome,
          targetId: o.targetId,
          matchKey: o.matchKey,
          reason: o.reason,
          code: o.code,
          changes: o.changes.length ? JSON.stringify(o.changes) : null,
          conflicts: o.conflicts.length ? JSON.stringify(o.conflicts) : null,
          at,
        });
      }
      for (const id of c.unmap ?? []) this.s.dropMap.run(c.syncId, id);
      for (const m of c.map) {
        this.s.putMap.run({
          syncId: c.syncId,
          sourceId: m.sourceId,
          targetId: m.targetId,
          matchKey: m.matchKey,
          contentHash: m.contentHash,
          vals: JSON.stringify(m.values),
          sourceUpdatedAt: m.sourceUpdatedAt,
          mappingVersion: c.mappingVersion,
          at,
        });
      }
      if (c.target) this.s.putTarget.run(c.syncId, c.target.id, JSON.stringify(c.target.values));
      for (const q of c.quarantine ?? [])
        this.s.quarantine.run(c.syncId, q.sourceId, c.runId, q.code, q.error, JSON.stringify(q.record), at);
      for (const id of c.release ?? []) this.s.release.run(c.syncId, id);
      this.s.counters.run(JSON.stringify(c.counters), c.runId);
    })(u);

  /** Dry runs store their outcomes (the report) and nothing else. */
  recordOutcomes(runId: string, outcomes: Omit<RecordOutcome, 'at'>[], counters: RunCounters): void {
    this.commitTx({ runId, syncId: '', outcomes, map: [], counters, mappingVersion: 0 });
  }

  outcomes(
    runId: string,
    options: { offset?: number; limit?: number; kind?: RecordOutcomeKind } = {},
  ): RecordOutcome[] {
    const limit = options.limit ?? 500;
    const offset = options.offset ?? 0;
    const rows = (
      options.kind
        ? this.s.outcomesOfKind.all(runId, options.kind, limit, offset)
        : this.s.outcomes.all(runId, limit, offset)
    ) as Array<Record<string, string | null>>;
    return rows.map((r) => ({
      sourceId: r.source_id!,
      outcome: r.outcome as RecordOutcomeKind,
      targetId: r.target_id,
      matchKey: r.match_key,
      reason: r.reason,
      code: r.code,
      changes: r.changes ? JSON.parse(r.changes) : [],
      conflicts: r.conflicts ? JSON.parse(r.conflicts) : [],
      at: r.at!,
    }));
  }

  outcomeCount(runId: string): number {
    return (this.s.outcomeCount.get(runId) as { n: number }).n;
  }

  failedSourceIds(runId: string): string[] {
    return (this.s.failedIds.all(runId) as { source_id: string }[]).map((r) => r.source_id);
  }

  quarantinedRecord(syncId: string, sourceId: string): unknown {
    const r = this.s.quarantined.get(syncId, sourceId) as { record: string } | undefined;
    return r ? JSON.parse(r.record) : undefined;
  }

  quarantineCount(syncId: string): number {
    return (this.s.quarantineCount.get(syncId) as { n: number }).n;
  }

  mappedCount(syncId: string): number {
    return (this.s.mapCount.get(syncId) as { n: number }).n;
  }

  /** Forget one run and its outcomes (the brake's look-ahead pass, once it let the real run go). */
  deleteRun(runId: string): void {
    this.db.transaction(() => {
      for (const t of ['outcomes', 'match_index']) this.db.prepare(`DELETE FROM ${t} WHERE run_id = ?`).run(runId);
      this.db.prepare('DELETE FROM runs WHERE id = ?').run(runId);
    })();
  }

  /** Forget a sync entirely (its definition was removed). Run history goes too. */
  removeSync(syncId: string): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM outcomes WHERE run_id IN (SELECT id FROM runs WHERE sync_id = ?)').run(syncId);
      for (const t of ['runs', 'sync_state', 'id_map', 'target_state', 'quarantine'])
        this.db.prepare(`DELETE FROM ${t} WHERE sync_id = ?`).run(syncId);
    })();
  }
}
