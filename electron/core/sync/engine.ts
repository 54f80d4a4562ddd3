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
import { KeyOrder, Lanes, PageWindow, type PageSlot } from './pipeline';
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
  /** The page each mapped item came from (its unchanged count belongs to that page's checkpoint). */
  private readonly pageOf = new WeakMap<Item, PageSlot>();
  private window: PageWindow | null = null;
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
      addUnchanged: (n, items) => {
        const slot = this.pageOf.get(items[0]!);
        if (slot) slot.unchanged += n;
      },
      // Writes are not cancelled: a cancel lets the pages in flight finish, so the run stops at a page boundary.
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
    const limit = o.definition.failurePolicy.stopAfterErrors;
    const lanes = new Lanes(o.definition.concurrency);
    const order = new KeyOrder();
    let failure: unknown = null;
    let tooManyErrors = false;
    const window = new PageWindow(maxPagesInFlight(o.definition.concurrency, o.definition.pageSize), (slot) => {
      counters.unchanged += slot.unchanged;
      counters.processed += slot.unchanged;
      if (slot.maxUpdatedAt !== null && (this.maxUpdatedAt === null || slot.maxUpdatedAt > this.maxUpdatedAt))
        this.maxUpdatedAt = slot.maxUpdatedAt;
      this.cur.cursor = slot.cursor;
      o.store.checkpoint(this.cur.id, slot.cursor, counters, this.maxUpdatedAt, this.activeMs(), this.allWarnings());
      this.emit('writing', true);
    });
    this.window = window;
    const runUnit = (unit: Item[]) =>
      order.run(unitKeys(unit), () =>
        lanes.run(async () => {
          try {
            await processor.process(unit);
          } catch (e) {
            failure ??= e;
            lanes.halt();
            throw e;
          }
          // Stop starting new work as soon as the policy's limit is reached (what is in flight finishes).
          if (limit !== null && counters.failed >= limit && !tooManyErrors) {
            tooManyErrors = true;
            lanes.halt();
          }
          this.emit('writing');
        }),
      );
    try {
      pending = it.next();
      for (;;) {
        // Backpressure: read no further while the window is full.
        await window.room();
        if (lanes.halted || window.failure !== null) break;
        this.emit('reading');
        const next: IteratorResult<SourcePage> = await pending!;
        pending = null;
        if (next.done) break;
        if (o.signal?.aborted) {
          status = 'cancelled';
          break;
        }
        // Read the next page while this one is mapped and written.
        if (next.value.cursor !== null) pending = it.next();
        const slot: PageSlot = { cursor: next.value.cursor, unchanged: 0, maxUpdatedAt: null, settled: null };
        const units = await this.preparePage(next.value.records, processor, slot);
        window.add(slot, settleAll(units.map(runUnit)));
        if (o.signal?.aborted) {
          status = 'cancelled';
          break;
        }
        if (next.value.cursor === null) break;
      }
    } catch (e) {
      failure ??= e;
    }
    // Writes are never abandoned: what started finishes and commits before the run ends.
    await window.drain();
    failure ??= window.failure;
    readAbort.abort();
    pending?.catch(() => undefined);
    await it.return?.(undefined).catch(() => undefined);
    if (failure !== null) {
      const e = failure;
      status = o.signal?.aborted && isAbort(e) ? 'cancelled' : 'failed';
      // A spent daily budget is not a failure: what was written is committed, the next run continues.
      if (AppError.is(e, 'rate_budget_exhausted')) status = 'partial';
      if (status === 'failed' || status === 'partial')
        error = AppError.is(e) ? { code: e.code, message: e.message } : { code: 'internal', message: errorMessage(e) };
    } else if (tooManyErrors) {
      status = 'failed';
      error = {
        code: 'too_many_errors',
        message: `Stopped after ${counters.failed} failed records (the sync's limit is ${limit}). Fix the cause, then run again: the run resumes where it stopped.`,
      };
    } else if (o.signal?.aborted) status = 'cancelled';
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

  /** Maps a page and groups it into units (records sharing a match key); mapping failures commit here. */
  private async preparePage(records: SourceRecord[], processor: UnitProcessor, slot: PageSlot): Promise<Item[][]> {
    const { o } = this;
    const since = this.cur.sinceMs;
    const todo = this.cur.dryRun ? records : records.filter((r) => !o.store.hasOutcome(this.cur.id, r.id));
    for (const r of todo) {
      if (r.updatedAt === undefined) continue;
      if (since !== null && r.updatedAt < since) this.backwards++;
      if (slot.maxUpdatedAt === null || r.updatedAt > slot.maxUpdatedAt) slot.maxUpdatedAt = r.updatedAt;
    }
    const mapped = await Promise.all(todo.map(async (rec) => itemOf(rec, await o.mapper.apply(rec.data))));
    const groups = new Map<string, Item[]>();
    const units: Item[][] = [];
    for (const item of mapped) {
      const m = item.mapped;
      if (m.filteredOut !== undefined) {
        processor.rejectMapped(item, 'filtered', m.filteredOut, 'filtered');
        continue;
      }
      if (m.skip) {
        processor.rejectMapped(item, 'skipped', m.skipReason ?? 'the mapping skips this record', 'mapping_skip');
        continue;
      }
      if (m.errors.length > 0) {
        const reason = m.errors.map((e) => e.message).join(' ');
        processor.rejectMapped(item, 'failed', reason, 'validation_failed');
        continue;
      }
      this.pageOf.set(item, slot);
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
    return units;
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
    const pendingUnchanged = this.window?.pendingUnchanged() ?? 0;
    const processed = c.processed + pendingUnchanged;
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
      counters: { ...c, unchanged: c.unchanged + pendingUnchanged, updatedFields: { ...c.updatedFields } },
    });
  }
}

/**
 * Pages with unfinished work at once: enough that every lane has a unit while the oldest page's last
 * writes finish, few enough that memory stays a few pages whatever the run's size.
 */
function maxPagesInFlight(concurrency: number, pageSize: number): number {
  return Math.max(2, Math.ceil((2 * concurrency) / Math.max(1, pageSize)) + 1);
}

/** What orders a unit after earlier ones: its match key and its records' ids (a record may reappear on a later page). */
function unitKeys(unit: Item[]): string[] {
  const keys = unit.map((i) => `id:${i.rec.id}`);
  const key = unit[0]!.mapped.matchKey;
  if (key !== null) keys.push(`key:${key}`);
  return keys;
}

/** Every unit's end, never an early rejection: a page is done only when nothing of it is still in flight. */
async function settleAll(work: Promise<boolean>[]): Promise<boolean[]> {
  const ends = await Promise.allSettled(work);
  return ends.map((e) => e.status === 'fulfilled' && e.value);
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
