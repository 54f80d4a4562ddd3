import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import type { MappedRecord, RuleIssue } from '../../../shared/mapping';
import type { FieldSchema } from '../../../shared/models/field-schema';
import type {
  RunStatus,
  RunWarning,
  SyncDefinition,
  SyncPhase,
  SyncProgress,
  SyncRun,
} from '../../../shared/models/sync';
import { forEachLimit } from './pool';
import type { SourcePage, SourceReader, SourceRecord, TargetWriter } from './ports';
import { RateMeter } from './progress';
import { retryPages } from './retry-source';
import type { RunRow, SyncStateStore } from './state-store';
import { itemOf, UnitProcessor, type Item } from './unit-processor';
import { errorMessage } from '../../../shared/error-message';

/** A compiled mapping as the engine uses it (shared/mapping's CompiledMapping fits). */
export interface RecordMapper {
  version: number;
  apply(record: Record<string, unknown>): Promise<MappedRecord>;
  issues?: readonly RuleIssue[];
  /** Target fields whose rule says "only when changed". */
  onlyWhenChanged?: readonly string[];
}

export interface EngineOptions {
  definition: SyncDefinition;
  store: SyncStateStore;
  reader: SourceReader;
  writer: TargetWriter;
  mapper: RecordMapper;
  targetSchema?: readonly FieldSchema[];
  dryRun?: boolean;
  /** Retry only the records that failed in this run. */
  retryOf?: string;
  /** Id for a new run (a resumed run keeps its own). */
  runId?: string;
  /** Cancel: the current page finishes, then the run stops (status cancelled, resumable). */
  signal?: AbortSignal;
  onProgress?: (progress: SyncProgress) => void;
  /** Called once the run row exists (so the caller learns a resumed run's id). */
  onStart?: (run: SyncRun) => void;
  now?: () => Date;
}

const PROGRESS_EVERY_MS = 250;

/** Runs one sync to the end (or to a cancel / fatal error) and returns the run as stored. */
export async function runSync(o: EngineOptions): Promise<SyncRun> {
  return new SyncEngine(o).run();
}

class SyncEngine {
  private readonly now: () => Date;
  private cur!: RunRow;
  private warnings: RunWarning[] = [];
  private pageUnchanged = 0;
  private backwards = 0;
  private maxUpdatedAt: number | null = null;
  private total: number | undefined;
  private readonly meter = new RateMeter();
  private lastProgress = 0;
  private activeStart = performance.now();
  private baseActiveMs = 0;

  constructor(private readonly o: EngineOptions) {
    this.now = o.now ?? (() => new Date());
  }

  async run(): Promise<SyncRun> {
    const { o } = this;
    this.cur = this.start();
    o.onStart?.(strip(this.cur));
    const matchIndex = o.store.matchIndex(this.cur.id);
    // A resumed run rebuilds its index: the target may now hold records the interrupted attempt created.
    matchIndex.clear();
    o.writer.startRun?.({ runId: this.cur.id, matchIndex });
    const counters = this.cur.counters;
    const processor = new UnitProcessor({
      definition: o.definition,
      runId: this.cur.id,
      store: o.store,
      writer: o.writer,
      mappingVersion: o.mapper.version,
      dryRun: this.cur.dryRun,
      targetSchema: new Map((o.targetSchema ?? []).map((f) => [f.name, f])),
      onlyWhenChanged: o.mapper.onlyWhenChanged ?? [],
      counters,
      addUnchanged: (n) => void (this.pageUnchanged += n),
      // Writes are not cancelled: a cancel lets the page in flight finish, so the run stops at a page boundary.
    });
    this.emit('starting', true);
    if (o.reader.count && !this.cur.retryOf) {
      o.reader
        .count({ since: this.cur.sinceMs ?? undefined, signal: o.signal })
        .then((n) => void (this.total = n))
        .catch(() => undefined);
    }

    let status: RunStatus = 'succeeded';
    let error: { code: string; message: string } | null = null;
    // Reads are aborted only when the run stops; a cancel lets the current page's writes finish.
    const readAbort = new AbortController();
    // A run killed between its last checkpoint and its end has read everything already.
    const exhausted = this.cur.pages > 0 && this.cur.cursor === null;
    const pages = exhausted
      ? emptyPages()
      : this.cur.retryOf
        ? retryPages(
            o.store,
            o.definition.id,
            this.cur.retryOf,
            o.reader,
            this.cur.cursor,
            o.definition.pageSize,
            readAbort.signal,
          )
        : o.reader.read({
            cursor: this.cur.cursor,
            since: this.cur.sinceMs ?? undefined,
            pageSize: o.definition.pageSize,
            signal: readAbort.signal,
          });
    const it = pages[Symbol.asyncIterator]();
    let pending: Promise<IteratorResult<SourcePage>> | null = null;
    try {
      pending = it.next();
      for (;;) {
        this.emit('reading');
        const next: IteratorResult<SourcePage> = await pending!;
        pending = null;
        if (next.done) break;
        if (o.signal?.aborted) {
          status = 'cancelled';
          break;
        }
        // Read the next page while this one is written.
        if (next.value.cursor !== null) pending = it.next();
        await this.processPage(next.value.records, processor);
        counters.unchanged += this.pageUnchanged;
        counters.processed += this.pageUnchanged;
        this.pageUnchanged = 0;
        this.cur.cursor = next.value.cursor;
        o.store.checkpoint(
          this.cur.id,
          next.value.cursor,
          counters,
          this.maxUpdatedAt,
          this.activeMs(),
          this.allWarnings(),
        );
        this.emit('writing', true);
        const limit = o.definition.failurePolicy.stopAfterErrors;
        if (limit !== null && counters.failed >= limit) {
          status = 'failed';
          error = {
            code: 'too_many_errors',
            message: `Stopped after ${counters.failed} failed records (the sync's limit is ${limit}). Fix the cause, then run again: the run resumes where it stopped.`,
          };
          break;
        }
        if (o.signal?.aborted) {
          status = 'cancelled';
          break;
        }
        if (next.value.cursor === null) break;
      }
    } catch (e) {
      status = o.signal?.aborted && isAbort(e) ? 'cancelled' : 'failed';
      // A spent daily budget is not a failure: what was written is committed, the next run continues.
      if (AppError.is(e, 'rate_budget_exhausted')) status = 'partial';
      if (status === 'failed' || status === 'partial')
        error = AppError.is(e) ? { code: e.code, message: e.message } : { code: 'internal', message: errorMessage(e) };
    } finally {
      readAbort.abort();
      pending?.catch(() => undefined);
      await it.return?.(undefined).catch(() => undefined);
    }
    if (status === 'succeeded' && counters.failed > 0) status = 'completed_with_errors';
    if (status === 'succeeded' || status === 'completed_with_errors') this.completeState();
    if (this.cur.dryRun && status === 'cancelled') status = 'cancelled';
    matchIndex.clear();
    o.store.finishRun(
      this.cur.id,
      status,
      counters,
      error,
      this.activeMs(),
      this.allWarnings(),
      this.now().toISOString(),
    );
    this.emit('done', true);
    return strip(o.store.getRun(this.cur.id)!);
  }

  private start(): RunRow {
    const { o } = this;
    const syncId = o.definition.id;
    const dryRun = o.dryRun ?? false;
    const issues = (o.mapper.issues ?? []).map((i) => ({ code: 'mapping_rule', message: i.message }));
    if (!dryRun && !o.retryOf) {
      const unfinished = o.store.resumable(syncId);
      if (unfinished && !unfinished.retryOf) {
        o.store.resumeRun(unfinished.id, o.mapper.version);
        const run = o.store.getRun(unfinished.id)!;
        this.baseActiveMs = run.activeMs;
        this.maxUpdatedAt = run.maxUpdatedAt;
        this.warnings = run.warnings.filter((w) => w.code !== 'cursor_backwards' && w.code !== 'mapping_rule');
        if (run.mappingVersion !== unfinished.mappingVersion) {
          this.warnings.push({
            code: 'mapping_changed',
            message: `The mapping changed (v${unfinished.mappingVersion} → v${o.mapper.version}) while this run was paused; records from here on use v${o.mapper.version}.`,
          });
        }
        this.warnings.push(...issues);
        return run;
      }
    }
    const state = o.store.syncState(syncId);
    const previous =
      state.mappingVersion !== null && state.mappingVersion !== o.mapper.version ? state.mappingVersion : null;
    if (previous !== null) {
      this.warnings.push({
        code: 'mapping_changed',
        message: `The mapping changed since the last run (v${previous} → v${o.mapper.version}): every record is re-evaluated and only real differences are written.`,
      });
    }
    this.warnings.push(...issues);
    return o.store.createRun({
      id: o.runId ?? randomUUID(),
      syncId,
      dryRun,
      mode: o.definition.mode,
      retryOf: o.retryOf ?? null,
      mappingVersion: o.mapper.version,
      previousMappingVersion: previous,
      startedAt: this.now().toISOString(),
      sinceMs: o.definition.mode === 'incremental' && !o.retryOf ? state.watermark : null,
      warnings: this.warnings,
    });
  }

  private async processPage(records: SourceRecord[], processor: UnitProcessor): Promise<void> {
    const { o } = this;
    const since = this.cur.sinceMs;
    const todo = this.cur.dryRun ? records : records.filter((r) => !o.store.hasOutcome(this.cur.id, r.id));
    for (const r of todo) {
      if (r.updatedAt === undefined) continue;
      if (since !== null && r.updatedAt < since) this.backwards++;
      if (this.maxUpdatedAt === null || r.updatedAt > this.maxUpdatedAt) this.maxUpdatedAt = r.updatedAt;
    }
    const mapped = await Promise.all(todo.map(async (rec) => itemOf(rec, await o.mapper.apply(rec.data))));
    const groups = new Map<string, Item[]>();
    const units: Item[][] = [];
    for (const item of mapped) {
      const m = item.mapped;
      if (m.skip) {
        processor.rejectMapped(item, 'skipped', m.skipReason ?? 'the mapping skips this record', 'mapping_skip');
        continue;
      }
      if (m.errors.length > 0) {
        const reason = m.errors.map((e) => e.message).join(' ');
        processor.rejectMapped(item, 'failed', reason, 'validation_failed');
        continue;
      }
      if (m.matchKey === null) {
        units.push([item]);
        continue;
      }
      const group = groups.get(m.matchKey);
      if (group) group.push(item);
      else {
        const fresh = [item];
        groups.set(m.matchKey, fresh);
        units.push(fresh);
      }
    }
    this.emit('writing');
    await forEachLimit(units, o.definition.concurrency, async (unit) => {
      await processor.process(unit);
      this.emit('writing');
    });
  }

  /** A completed run moves the incremental watermark forward (never back) and records the mapping version. */
  private completeState(): void {
    const { o } = this;
    if (this.cur.dryRun || this.cur.retryOf) return;
    const prev = o.store.syncState(o.definition.id).watermark;
    const watermark =
      prev === null ? this.maxUpdatedAt : this.maxUpdatedAt === null ? prev : Math.max(prev, this.maxUpdatedAt);
    o.store.putSyncState(o.definition.id, watermark, o.mapper.version, this.cur.id);
  }

  private allWarnings(): RunWarning[] {
    const out = [...this.warnings];
    if (this.backwards > 0) {
      out.push({
        code: 'cursor_backwards',
        message: `The source returned ${this.backwards} record(s) changed before the incremental cursor (${new Date(this.cur.sinceMs!).toISOString()}): they were processed (unchanged ones skipped) and the cursor was not moved back.`,
      });
    }
    return out;
  }

  private activeMs(): number {
    return this.baseActiveMs + (performance.now() - this.activeStart);
  }

  private emit(phase: SyncPhase, force = false): void {
    const { onProgress } = this.o;
    if (!onProgress) return;
    const t = performance.now();
    if (!force && t - this.lastProgress < PROGRESS_EVERY_MS) return;
    this.lastProgress = t;
    const c = this.cur.counters;
    const processed = c.processed + this.pageUnchanged;
    this.meter.mark(processed);
    const eta = this.meter.eta(processed, this.total);
    onProgress({
      runId: this.cur.id,
      syncId: this.cur.syncId,
      processed,
      ...(this.total !== undefined ? { total: this.total } : {}),
      ratePerSec: Math.round(this.meter.rate() * 10) / 10,
      ...(eta !== undefined ? { etaSeconds: eta } : {}),
      phase,
      counters: { ...c, unchanged: c.unchanged + this.pageUnchanged, updatedFields: { ...c.updatedFields } },
    });
  }
}

async function* emptyPages(): AsyncGenerator<SourcePage> {}

function isAbort(e: unknown): boolean {
  return (e as Error)?.name === 'AbortError' || AppError.is(e, 'cancelled');
}

/** The public run shape (without the checkpoint internals). */
export function strip(run: RunRow): SyncRun {
  const { cursor: _c, pages: _p, sinceMs: _s, maxUpdatedAt: _m, ...rest } = run;
  return rest;
}
