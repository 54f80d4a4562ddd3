import type { SyncDefinition, SyncRun } from '../../../shared/models/sync';
import { AppError } from '../../../shared/errors';
import { CronScheduler, type CronEntry, type FireReason } from '../schedule/cron-scheduler';
import type { Timers } from '../schedule/timers';

export interface SchedulerOptions {
  /** The current definitions (re-read on refresh() and on every wake of the loop). */
  definitions: () => SyncDefinition[];
  /** Start a run of this sync; resolves with the finished run. Throws sync_busy when one is running. */
  trigger: (syncId: string, reason: FireReason) => Promise<SyncRun>;
  /** A scheduled run failed (the shell shows a desktop notification). */
  onFailure?: (definition: SyncDefinition, detail: { run?: SyncRun; error?: unknown }) => void;
  /** Skipped because a run of the same sync was still going (logged by the caller). */
  onSkipped?: (definition: SyncDefinition, reason: string) => void;
  timers?: Timers;
  /** How soon after the computer wakes a missed schedule runs. */
  tickMs?: number;
}

type Scheduled = CronEntry & { definition: SyncDefinition };

/**
 * Runs enabled schedules while the app is open (the tray keeps it alive with the window closed), on
 * the shared cron loop: a schedule whose time passed while the computer slept runs once on waking.
 * A sync already running is never started twice (the runner refuses; the skip is reported).
 */
export class SyncScheduler {
  private readonly cron: CronScheduler<Scheduled>;

  constructor(private readonly o: SchedulerOptions) {
    this.cron = new CronScheduler<Scheduled>({
      entries: () =>
        o
          .definitions()
          .flatMap((d) =>
            d.enabled && d.schedule
              ? [{ id: d.id, cron: d.schedule.cron, timezone: d.schedule.timezone, definition: d }]
              : [],
          ),
      fire: (entry, reason) => this.fire(entry.definition, reason),
      // A saved schedule was checked on save (checkSchedule); one edited by hand on disk fails its runs.
      onInvalid: (entry, message) => o.onFailure?.(entry.definition, { error: new Error(message) }),
      timers: o.timers,
      tickMs: o.tickMs,
    });
  }

  start(): void {
    this.cron.start();
  }

  /** Whether the app shell started it (the CLI never does: a saved schedule must not keep it alive). */
  get started(): boolean {
    return this.cron.started;
  }

  /** Follow the definitions after one was saved or removed. */
  refresh(): void {
    this.cron.reconcile();
  }

  stop(): void {
    this.cron.stop();
  }

  /** Next scheduled time per sync (for the Syncs page). */
  nextRuns(): Map<string, Date | null> {
    return this.cron.nextRuns();
  }

  private async fire(def: SyncDefinition, reason: FireReason): Promise<void> {
    try {
      const run = await this.o.trigger(def.id, reason);
      if (run.status === 'failed' || run.status === 'completed_with_errors') this.o.onFailure?.(def, { run });
    } catch (error) {
      if (AppError.is(error, 'sync_busy')) this.o.onSkipped?.(def, 'a run of this sync was still in progress');
      else this.o.onFailure?.(def, { error });
    }
  }
}
