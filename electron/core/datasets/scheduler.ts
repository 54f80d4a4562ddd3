import { AppError } from '../../../shared/errors';
import { errorMessage } from '../../../shared/error-message';
import { CronScheduler } from '../schedule/cron-scheduler';
import type { Timers } from '../schedule/timers';

export interface ScheduledDataset {
  datasetId: string;
  name: string;
  cron: string;
}

type Entry = { id: string; cron: string; dataset: ScheduledDataset };

/**
 * Refreshes datasets on their cron schedules while the app runs, on the same cron loop as syncs.
 * The job list follows the saved definitions (re-read on every wake of the loop), so a schedule
 * added, changed or removed in the UI takes effect without a restart. A refresh still running when
 * the next slot comes is skipped (the service refuses two at once), never queued.
 */
export class DatasetScheduler {
  private readonly cron: CronScheduler<Entry>;

  constructor(
    private readonly deps: {
      scheduled: () => ScheduledDataset[];
      refresh: (datasetId: string) => Promise<unknown>;
      onFailure: (dataset: ScheduledDataset, message: string) => void;
      timers?: Timers;
    },
  ) {
    this.cron = new CronScheduler<Entry>({
      entries: () => deps.scheduled().map((d) => ({ id: d.datasetId, cron: d.cron, dataset: d })),
      fire: (entry) => this.tick(entry.dataset),
      onInvalid: (entry, message) =>
        deps.onFailure(
          entry.dataset,
          `The schedule "${entry.cron}" of dataset ${entry.dataset.name} is not a valid cron expression: ${message}`,
        ),
      timers: deps.timers,
      tickMs: 60_000,
    });
  }

  start(): void {
    this.cron.start();
  }

  /** Follow the saved definitions now (the loop also does on each wake). */
  reconcile(): void {
    this.cron.reconcile();
  }

  private async tick(dataset: ScheduledDataset): Promise<void> {
    try {
      await this.deps.refresh(dataset.datasetId);
    } catch (error) {
      if (AppError.is(error, 'sync_busy')) return;
      this.deps.onFailure(dataset, `Scheduled refresh of ${dataset.name} failed: ${errorMessage(error)}`);
    }
  }

  /** Datasets with a live job (for tests and the doctor). */
  get active(): string[] {
    return this.cron.active;
  }

  stop(): void {
    this.cron.stop();
  }
}
