import { Cron } from 'croner';
import { errorMessage } from '../../../shared/error-message';
import { realTimers, type Timers } from './timers';

/** One thing to run on a cron schedule (a sync, a dataset refresh). */
export interface CronEntry {
  id: string;
  cron: string;
  /** IANA zone the cron reads in (default: the machine's). */
  timezone?: string;
}

/** 'missed': the slot passed while the computer slept (or the app was busy), run late, once. */
export type FireReason = 'schedule' | 'missed';

export interface CronSchedulerOptions<T extends CronEntry> {
  /** What should be scheduled now: re-read on reconcile() and on every wake of the loop. */
  entries: () => T[];
  /** Runs the entry. The caller reports its own failures; a rejection here is only swallowed. */
  fire: (entry: T, reason: FireReason) => Promise<unknown>;
  /** An entry whose cron cannot be parsed gets no job; said once per expression. */
  onInvalid?: (entry: T, message: string) => void;
  timers?: Timers;
  /** The loop wakes at least this often: how soon a slot swallowed by a sleep runs after the wake. */
  tickMs?: number;
}

/** A slot run this much after its time was missed, not merely late under load. */
const LATE_MS = 60_000;

interface Job<T> {
  entry: T;
  cron: Cron;
  next: number | null;
}

/**
 * The one cron loop (syncs and datasets use it). Croner only computes the slots; the loop keeps a
 * single timer on the injected Timers, armed for the earliest slot and never further than tickMs.
 * A computer that slept wakes to a timer that fires late (timers count awake time only): every entry
 * whose slot passed meanwhile runs once, however many of its slots were missed.
 */
export class CronScheduler<T extends CronEntry> {
  private readonly jobs = new Map<string, Job<T>>();
  /** Entries already reported as invalid, with the expression reported (a fix is tried again). */
  private readonly invalid = new Map<string, string>();
  private readonly timers: Timers;
  private readonly tickMs: number;
  private timer: unknown = null;

  constructor(private readonly o: CronSchedulerOptions<T>) {
    this.timers = o.timers ?? realTimers;
    this.tickMs = o.tickMs ?? 30_000;
  }

  start(): void {
    if (this.timer !== null) return;
    this.reconcile();
    this.arm();
  }

  get started(): boolean {
    return this.timer !== null;
  }

  stop(): void {
    if (this.timer !== null) this.timers.clearTimer(this.timer);
    this.timer = null;
    for (const job of this.jobs.values()) job.cron.stop();
    this.jobs.clear();
  }

  /** Follow the current entries: new ones get a job, changed ones a new job, removed ones none. */
  reconcile(): void {
    const wanted = new Map(this.o.entries().map((e) => [e.id, e]));
    for (const [id, job] of this.jobs) {
      const entry = wanted.get(id);
      if (entry && entry.cron === job.entry.cron && entry.timezone === job.entry.timezone) job.entry = entry;
      else {
        job.cron.stop();
        this.jobs.delete(id);
      }
    }
    for (const id of this.invalid.keys()) if (!wanted.has(id)) this.invalid.delete(id);
    const now = this.timers.now();
    for (const [id, entry] of wanted) {
      if (this.jobs.has(id)) continue;
      try {
        const cron = new Cron(entry.cron, { paused: true, ...(entry.timezone ? { timezone: entry.timezone } : {}) });
        this.jobs.set(id, { entry, cron, next: slotAfter(cron, now) });
        this.invalid.delete(id);
      } catch (error) {
        if (this.invalid.get(id) === entry.cron) continue;
        this.invalid.set(id, entry.cron);
        this.o.onInvalid?.(entry, errorMessage(error));
      }
    }
    if (this.timer !== null) this.arm();
  }

  /** Ids with a live job. */
  get active(): string[] {
    return [...this.jobs.keys()];
  }

  /** The next slot of every entry with a job. */
  nextRuns(): Map<string, Date | null> {
    return new Map([...this.jobs].map(([id, job]) => [id, job.next === null ? null : new Date(job.next)]));
  }

  private wake(): void {
    this.timer = null;
    this.reconcile();
    const now = this.timers.now();
    for (const job of this.jobs.values()) {
      if (job.next === null || job.next > now) continue;
      const reason: FireReason = now - job.next > LATE_MS ? 'missed' : 'schedule';
      // The next slot after now: the ones a sleep swallowed are not run one by one.
      job.next = slotAfter(job.cron, now);
      void this.o.fire(job.entry, reason).catch(() => undefined);
    }
    this.arm();
  }

  private arm(): void {
    if (this.timer !== null) this.timers.clearTimer(this.timer);
    const now = this.timers.now();
    let delay = this.tickMs;
    for (const job of this.jobs.values()) if (job.next !== null) delay = Math.min(delay, job.next - now);
    this.timer = this.timers.setTimer(() => this.wake(), Math.max(0, delay));
  }
}

function slotAfter(cron: Cron, now: number): number | null {
  return cron.nextRun(new Date(now))?.getTime() ?? null;
}
