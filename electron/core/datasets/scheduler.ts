import { Cron } from 'croner';
import { AppError } from '../../../shared/errors';
import { errorMessage } from '../../../shared/error-message';

export interface ScheduledDataset {
  datasetId: string;
  name: string;
  cron: string;
}

/**
 * Refreshes datasets on their cron schedules while the app runs (the sync scheduler's counterpart).
 * The job list follows the saved definitions: `reconcile()` runs on start and every minute, so a
 * schedule added, changed or removed in the UI takes effect without a restart. A refresh still
 * running when the next tick comes is skipped (the service refuses two at once), never queued.
 */
export class DatasetScheduler {
  private readonly jobs = new Map<string, { cron: string; job: Cron }>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly deps: {
      scheduled: () => ScheduledDataset[];
      refresh: (datasetId: string) => Promise<unknown>;
      onFailure: (dataset: ScheduledDataset, message: string) => void;
    },
  ) {}

  start(reconcileEveryMs = 60_000): void {
    this.reconcile();
    this.timer = setInterval(() => this.reconcile(), reconcileEveryMs);
    this.timer.unref();
  }

  reconcile(): void {
    const wanted = new Map(this.deps.scheduled().map((d) => [d.datasetId, d]));
    for (const [id, entry] of this.jobs) {
      if (wanted.get(id)?.cron !== entry.cron) {
        entry.job.stop();
        this.jobs.delete(id);
      }
    }
    for (const [id, dataset] of wanted) {
      if (this.jobs.has(id)) continue;
      try {
        const job = new Cron(dataset.cron, { catch: true }, () => void this.tick(dataset));
        this.jobs.set(id, { cron: dataset.cron, job });
      } catch (error) {
        this.deps.onFailure(
          dataset,
          `The schedule "${dataset.cron}" of dataset ${dataset.name} is not a valid cron expression: ${errorMessage(error)}`,
        );
      }
    }
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
    return [...this.jobs.keys()];
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    for (const { job } of this.jobs.values()) job.stop();
    this.jobs.clear();
  }
}
