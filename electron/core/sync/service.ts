import { EventEmitter } from 'node:events';
import { AppError, parseOrThrow } from '../../../shared/errors';
import {
  SyncDefinition,
  type RecordOutcomeKind,
  type SyncDefinitionInput,
  type SyncProgress,
  type SyncRun,
  type SyncRunDetail,
  type SyncSummary,
} from '../../../shared/models/sync';
import type { KeyValueStore } from '../settings/store';
import { checkSchedule, describeCron, nextRun } from './cron-preview';
import { strip } from './engine';
import type { RunPlan } from './plan';
import type { SyncRunner } from './runner';
import type { SyncStateStore } from './state-store';

const KEY = 'syncs';

export interface SyncServiceOptions {
  settings: KeyValueStore;
  store: SyncStateStore;
  runner: SyncRunner;
  /**
   * Turns a definition into a runnable plan: loads its mapping and the two connections, reads
   * their secrets from the keychain. Injected by createCore (the sync slice knows no connections).
   */
  resolvePlan: (definition: SyncDefinition) => Promise<RunPlan>;
  /** Checked before a run starts (schema drift); throws to keep the run from starting. */
  preflight?: (definition: SyncDefinition) => Promise<void>;
  clock?: () => Date;
}

/**
 * The sync feature as handlers and the CLI see it: definitions (settings store), runs (worker
 * threads via SyncRunner), history and run details (state.db). Progress and run ends are events.
 */
export class SyncService extends EventEmitter<{ progress: [SyncProgress]; finished: [SyncRun] }> {
  private readonly clock: () => Date;

  constructor(private readonly o: SyncServiceOptions) {
    super();
    this.clock = o.clock ?? (() => new Date());
    o.runner.on('progress', (p) => this.emit('progress', p));
    o.runner.on('finished', (r) => this.emit('finished', r));
    // Nothing runs yet: a run still marked running was cut short by a crash or a kill.
    o.store.markInterrupted();
  }

  private all(): SyncDefinition[] {
    const raw = this.o.settings.get(KEY);
    if (!Array.isArray(raw)) return [];
    return raw.flatMap((d) => {
      const parsed = SyncDefinition.safeParse(d);
      return parsed.success ? [parsed.data] : [];
    });
  }

  definitions(): SyncDefinition[] {
    return this.all();
  }

  list(): SyncSummary[] {
    return this.all().map((d) => this.summary(d));
  }

  get(id: string): SyncSummary {
    return this.summary(this.definition(id));
  }

  definition(idOrName: string): SyncDefinition {
    const all = this.all();
    const def = all.find((d) => d.id === idOrName) ?? all.find((d) => d.name === idOrName);
    if (!def)
      throw new AppError(
        'not_found',
        `No sync "${idOrName}". Known syncs: ${all.map((d) => d.name).join(', ') || '(none)'}.`,
      );
    return def;
  }

  save(input: SyncDefinitionInput): SyncDefinition {
    const def = parseOrThrow(SyncDefinition, { ...input, updatedAt: this.clock().toISOString() }, 'sync definition');
    if (def.schedule) checkSchedule(def.schedule);
    const others = this.all().filter((d) => d.id !== def.id);
    if (others.some((d) => d.name === def.name))
      throw new AppError('conflict', `Another sync is already named "${def.name}"; pick another name.`);
    this.o.settings.set(KEY, [...others, def]);
    return def;
  }

  remove(id: string): void {
    const def = this.definition(id);
    if (this.o.runner.runningRun(def.id))
      throw new AppError('sync_busy', `"${def.name}" is running; cancel it before removing the sync.`);
    this.o.settings.set(
      KEY,
      this.all().filter((d) => d.id !== def.id),
    );
    this.o.store.removeSync(def.id);
  }

  /** Start a run in the worker; resolves as soon as it started (follow it with 'progress' / 'finished'). */
  async run(id: string, options: { dryRun?: boolean } = {}): Promise<{ runId: string; done: Promise<SyncRun> }> {
    const def = this.definition(id);
    if (this.o.runner.runningRun(def.id))
      throw new AppError('sync_busy', `"${def.name}" is already running; wait for it or cancel it.`);
    await this.o.preflight?.(def);
    const plan = await this.o.resolvePlan(def);
    const started = this.o.runner.start(plan, { dryRun: options.dryRun });
    return { runId: started.runId, done: started.done };
  }

  /** Start and wait for the end (CLI `patchbay sync run`, the scheduler). */
  async runToEnd(id: string, options: { dryRun?: boolean } = {}): Promise<SyncRun> {
    return (await this.run(id, options)).done;
  }

  cancel(runId: string): boolean {
    return this.o.runner.cancel(runId);
  }

  /**
   * The user read what a held run would do and lets it write, once: a new run skips the brake.
   * Only the sync's latest run can be confirmed, so an old confirmation cannot wave through a new change.
   */
  async confirm(runId: string): Promise<{ runId: string; done: Promise<SyncRun> }> {
    const run = this.o.store.getRun(runId);
    if (!run) throw new AppError('not_found', `No run ${runId}.`);
    if (run.status !== 'needs_confirmation')
      throw new AppError(
        'invalid_input',
        `Run ${runId} is ${run.status.replace(/_/g, ' ')}; only a held run can be confirmed.`,
        {
          field: 'runId',
        },
      );
    const def = this.definition(run.syncId);
    if (this.o.store.lastRun(def.id)?.id !== runId)
      throw new AppError(
        'conflict',
        `"${def.name}" ran again after run ${runId} was held; confirm its latest run instead (patchbay sync history ${def.name}).`,
      );
    if (this.o.runner.runningRun(def.id))
      throw new AppError('sync_busy', `"${def.name}" is already running; wait for it or cancel it.`);
    const plan = await this.o.resolvePlan(def);
    const started = this.o.runner.start(plan, { confirmed: true });
    return { runId: started.runId, done: started.done };
  }

  /** A new run over only the records that failed in `runId`. */
  async retryFailed(runId: string): Promise<{ runId: string; done: Promise<SyncRun> }> {
    const run = this.o.store.getRun(runId);
    if (!run) throw new AppError('not_found', `No run ${runId}.`);
    if (run.counters.failed === 0) throw new AppError('invalid_input', `Run ${runId} has no failed records to retry.`);
    const def = this.definition(run.syncId);
    const plan = await this.o.resolvePlan(def);
    const started = this.o.runner.start(plan, { retryOf: runId });
    return { runId: started.runId, done: started.done };
  }

  history(id: string, limit = 50): SyncRun[] {
    return this.o.store.listRuns(this.definition(id).id, limit).map(strip);
  }

  runDetail(runId: string, options: { offset?: number; limit?: number; kind?: RecordOutcomeKind } = {}): SyncRunDetail {
    const run = this.o.store.getRun(runId);
    if (!run) throw new AppError('not_found', `No run ${runId}.`);
    return {
      ...strip(run),
      outcomes: this.o.store.outcomes(runId, options),
      outcomeCount: this.o.store.outcomeCount(runId),
    };
  }

  private summary(d: SyncDefinition): SyncSummary {
    const last = this.o.store.lastRun(d.id);
    let next: Date | null = null;
    let preview: string | null = null;
    if (d.schedule) {
      try {
        preview = describeCron(d.schedule.cron);
        next = d.enabled ? nextRun(d.schedule, this.clock()) : null;
      } catch {
        preview = null;
      }
    }
    return {
      definition: d,
      lastRun: last ? strip(last) : null,
      running: this.o.runner.runningRun(d.id),
      nextRunAt: next?.toISOString() ?? null,
      schedulePreview: preview,
    };
  }
}
