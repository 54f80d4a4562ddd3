import { Cron } from 'croner';
import type { SyncDefinition, SyncRun } from '../../../shared/models/sync';
import { nextRun } from './cron-preview';

export interface SchedulerOptions {
  /** The current definitions (re-read on refresh()). */
  definitions: () => SyncDefinition[];
  /** Start a run of this sync; resolves with the finished run. Throws sync_busy when one is running. */
  trigger: (syncId: string, reason: 'schedule' | 'missed') => Promise<SyncRun>;
  /** A scheduled run failed (the shell shows a desktop notification). */
  onFailure?: (definition: SyncDefinition, detail: { run?: SyncRun; error?: unknown }) => void;
  /** Skipped because a run of the same sync was still going (logged by the caller). */
  onSkipped?: (definition: SyncDefinition, reason: string) => void;
  now?: () => Date;
  /** Watchdog period: a tick arriving much later than this means the computer slept. */
  tickMs?: number;
}

/**
 * Runs enabled schedules while the app is open (the tray keeps it alive with the window closed).
 * croner fires on time; a watchdog notices the computer slept (a tick far later than expected) and
 * runs once any schedule whose time passed meanwhile — once, however many times it was missed.
 * A sync already running is never started twice (the runner refuses; the skip is reported).
 */
export class SyncScheduler {
  private jobs = new Map<string, Cron>();
  private watchdog: NodeJS.Timeout | null = null;
  private lastTick = 0;
  /** Last slot (scheduled time, ms) handled per sync: a late croner fire and the wake check never both run it. */
  private lastSlot = new Map<string, number>();
  private readonly now: () => Date;
  private readonly tickMs: number;

  constructor(private readonly o: SchedulerOptions) {
    this.now = o.now ?? (() => new Date());
    this.tickMs = o.tickMs ?? 30_000;
  }

  start(): void {
    this.refresh();
    this.lastTick = this.now().getTime();
    this.watchdog = setInterval(() => this.tick(), this.tickMs);
    this.watchdog.unref();
  }

  /** Whether the app shell started it (the CLI never does: a saved schedule must not keep it alive). */
  get started(): boolean {
    return this.watchdog !== null;
  }

  /** Rebuild the jobs after a definition was saved or removed. */
  refresh(): void {
    for (const job of this.jobs.values()) job.stop();
    this.jobs.clear();
    for (const def of this.o.definitions()) {
      if (!def.enabled || !def.schedule) continue;
      const job = new Cron(def.schedule.cron, { timezone: def.schedule.timezone, catch: true }, () => {
        void this.fire(def.id, this.now().getTime(), 'schedule');
      });
      this.jobs.set(def.id, job);
    }
  }

  stop(): void {
    for (const job of this.jobs.values()) job.stop();
    this.jobs.clear();
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = null;
  }

  /** Next scheduled time per sync (for the Syncs page). */
  nextRuns(): Map<string, Date | null> {
    return new Map([...this.jobs.entries()].map(([id, job]) => [id, job.nextRun()]));
  }

  /** Watchdog tick; public so tests can drive it with a fake clock. */
  tick(): void {
    const now = this.now().getTime();
    if (this.lastTick === 0) {
      this.lastTick = now;
      return;
    }
    const gap = now - this.lastTick;
    const from = this.lastTick;
    this.lastTick = now;
    // Timers run late under load by a few seconds; a minute past the period means the machine slept.
    if (gap > this.tickMs + 60_000) this.catchUp(from, now);
  }

  /** Run once every schedule that had a slot in (from, now] — what the sleep swallowed. */
  catchUp(from: number, now: number): void {
    for (const def of this.o.definitions()) {
      if (!def.enabled || !def.schedule) continue;
      const slot = nextRun(def.schedule, new Date(from));
      if (slot && slot.getTime() <= now) void this.fire(def.id, slot.getTime(), 'missed');
    }
  }

  private async fire(syncId: string, slot: number, reason: 'schedule' | 'missed'): Promise<void> {
    const def = this.o.definitions().find((d) => d.id === syncId);
    if (!def) return;
    // Same slot seen twice (croner firing late after a wake, and the watchdog): run once.
    const last = this.lastSlot.get(syncId) ?? 0;
    if (slot - last < 60_000) return;
    this.lastSlot.set(syncId, slot);
    try {
      const run = await this.o.trigger(syncId, reason);
      if (run.status === 'failed' || run.status === 'completed_with_errors') this.o.onFailure?.(def, { run });
    } catch (error) {
      if ((error as { code?: string })?.code === 'sync_busy')
        this.o.onSkipped?.(def, 'a run of this sync was still in progress');
      else this.o.onFailure?.(def, { error });
    }
  }
}
