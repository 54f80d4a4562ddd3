import type { AppErrorShape } from '../../../shared/errors';
import type { CallEvent } from '../../../shared/models/call-event';
import type { SyncProgress, SyncRun } from '../../../shared/models/sync';
import type { RunPlan } from './plan';

/** One run a sync worker is asked to do (a worker does one at a time and stays for the next). */
export interface WorkerJob {
  dbPath: string;
  plan: RunPlan;
  runId: string;
  dryRun: boolean;
  retryOf: string | null;
  /** The user confirmed a run the brake held: this one run writes past the brake. */
  confirmed?: boolean;
}

export type ToWorker = { type: 'run'; job: WorkerJob } | { type: 'cancel'; runId: string };

export type FromWorker =
  | { type: 'started'; run: SyncRun }
  | { type: 'progress'; progress: SyncProgress }
  /** The run's API calls, batched, for the main thread's log store. */
  | { type: 'calls'; events: CallEvent[] }
  /** A credential rotated by the provider mid-run: the main thread writes it to the keychain. */
  | { type: 'secret'; connectionId: string; field: string; value: string }
  | { type: 'reauth'; connectionId: string }
  /** The rate a connection settled on in this run (kept on the connection for the next run and its panel). */
  | { type: 'learned'; connectionId: string; requestsPerSecond: number; source: 'learned' | 'headers' }
  | { type: 'done'; run: SyncRun }
  | { type: 'error'; error: AppErrorShape };
