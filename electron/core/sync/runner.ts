import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../../shared/errors';
import type { CallEvent } from '../../../shared/models/call-event';
import type { SyncProgress, SyncRun } from '../../../shared/models/sync';
import type { RunPlan } from './plan';
import type { SyncStateStore } from './state-store';
import type { FromWorker, ToWorker, WorkerJob } from './worker-protocol';

export interface RunnerOptions {
  dbPath: string;
  /** The main thread's connection (to learn a resumed run's id, and to mark crashed runs). */
  store: SyncStateStore;
  /** Worker entry; default: dist/sync-worker.mjs next to a bundle, else the tsx shim next to this file. */
  workerUrl?: URL;
  /** How long a finished run's worker waits for the next run before it exits (default 60 s). */
  idleMs?: number;
}

const IDLE_MS = 60_000;

interface IdleWorker {
  worker: Worker;
  timer: ReturnType<typeof setTimeout>;
}

export interface StartedRun {
  runId: string;
  syncId: string;
  /** The worker thread running it (a finished run's worker is reused by the next run). */
  threadId: number;
  /** Settles when the run ends (any status); rejects only if the worker itself broke. */
  done: Promise<SyncRun>;
}

interface Active {
  runId: string;
  syncId: string;
  worker: Worker;
}

/** Where the worker code lives in this build. */
export function defaultWorkerUrl(): URL {
  const bundled = new URL('./sync-worker.mjs', import.meta.url);
  if (existsSync(fileURLToPath(bundled))) return bundled;
  return new URL('./worker-shim.mjs', import.meta.url);
}

/**
 * Starts sync runs in worker threads, so the Electron main process (and the window it serves) never
 * waits on mapping, SQLite or HTTP. Guarantees one run per sync at a time; relays progress
 * ('progress'), starts ('started') and ends ('finished') as events; cancels on request.
 */
export class SyncRunner extends EventEmitter<{
  progress: [SyncProgress];
  started: [SyncRun];
  finished: [SyncRun];
  calls: [CallEvent[]];
  secret: [{ connectionId: string; field: string; value: string }];
  reauth: [string];
  learned: [{ connectionId: string; requestsPerSecond: number; source: 'learned' | 'headers' }];
}> {
  private readonly active = new Map<string, Active>();
  /** Workers between runs: the next run takes one instead of paying for a new thread and the engine's load. */
  private readonly idle: IdleWorker[] = [];
  private closed = false;

  constructor(private readonly o: RunnerOptions) {
    super();
  }

  /** The run in progress for this sync, if any. */
  runningRun(syncId: string): string | null {
    return this.active.get(syncId)?.runId ?? null;
  }

  isActiveRun(runId: string): boolean {
    for (const a of this.active.values()) if (a.runId === runId) return true;
    return false;
  }

  start(plan: RunPlan, options: { dryRun?: boolean; retryOf?: string; confirmed?: boolean } = {}): StartedRun {
    const syncId = plan.definition.id;
    const busy = this.active.get(syncId);
    if (busy)
      throw new AppError(
        'sync_busy',
        `"${plan.definition.name}" is already running (run ${busy.runId}); wait for it to finish or cancel it.`,
        { syncId, runId: busy.runId },
      );
    const dryRun = options.dryRun ?? false;
    // A plain run continues an unfinished one; know its id now so callers can follow it.
    const resumable = !dryRun && !options.retryOf ? this.o.store.resumable(syncId) : null;
    const runId = resumable && !resumable.retryOf ? resumable.id : randomUUID();
    const job: WorkerJob = {
      dbPath: this.o.dbPath,
      plan,
      runId,
      dryRun,
      retryOf: options.retryOf ?? null,
      ...(options.confirmed ? { confirmed: true } : {}),
    };
    const worker = this.takeWorker(syncId);
    const entry: Active = { runId, syncId, worker };
    this.active.set(syncId, entry);
    const done = new Promise<SyncRun>((resolve, reject) => {
      let settled = false;
      const finish = (fn: () => void, reusable: boolean) => {
        if (settled) return;
        settled = true;
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        this.active.delete(syncId);
        if (reusable) this.park(worker);
        fn();
      };
      const onMessage = (m: FromWorker) => {
        if (m.type === 'progress') this.emit('progress', m.progress);
        else if (m.type === 'calls') this.emit('calls', m.events);
        else if (m.type === 'secret')
          this.emit('secret', { connectionId: m.connectionId, field: m.field, value: m.value });
        else if (m.type === 'reauth') this.emit('reauth', m.connectionId);
        else if (m.type === 'learned')
          this.emit('learned', {
            connectionId: m.connectionId,
            requestsPerSecond: m.requestsPerSecond,
            source: m.source,
          });
        else if (m.type === 'started') this.emit('started', m.run);
        else if (m.type === 'done') {
          finish(() => resolve(m.run), true);
          this.emit('finished', m.run);
        } else if (m.type === 'error')
          finish(() => reject(new AppError(m.error.code, m.error.message, m.error.details)), true);
      };
      const onError = (error: Error) =>
        finish(() => reject(new AppError('internal', `The sync worker stopped: ${error.message}`)), false);
      const onExit = (code: number) => {
        // A worker that died mid-run leaves its run "running": mark it so the next start resumes it.
        if (!settled) this.o.store.markInterrupted(runId);
        finish(
          () =>
            reject(
              new AppError(
                'internal',
                `The sync worker exited (code ${code}) before finishing run ${runId}; the run will resume on the next start.`,
              ),
            ),
          false,
        );
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
    });
    worker.postMessage({ type: 'run', job } satisfies ToWorker);
    return { runId, syncId, threadId: worker.threadId, done };
  }

  /** Ask a run to stop at its next page boundary. False when no such run is active. */
  cancel(runId: string): boolean {
    for (const a of this.active.values()) {
      if (a.runId === runId) {
        a.worker.postMessage({ type: 'cancel', runId } satisfies ToWorker);
        return true;
      }
    }
    return false;
  }

  /** App quit: stop every worker (their runs resume on the next start). */
  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.active.values()];
    const idle = this.idle.splice(0);
    for (const i of idle) clearTimeout(i.timer);
    await Promise.all([...all.map((a) => a.worker.terminate()), ...idle.map((i) => i.worker.terminate())]);
    for (const a of all) this.o.store.markInterrupted(a.runId);
    this.active.clear();
  }

  /** An idle worker if one waits, else a new thread (started now, on the first run that needs it). */
  private takeWorker(syncId: string): Worker {
    const parked = this.idle.pop();
    if (parked) {
      clearTimeout(parked.timer);
      parked.worker.ref();
      return parked.worker;
    }
    const worker = new Worker(this.o.workerUrl ?? defaultWorkerUrl(), { name: `sync ${syncId}` });
    // An idle worker that dies (or is terminated) is simply forgotten.
    worker.on('exit', () => {
      const at = this.idle.findIndex((i) => i.worker === worker);
      if (at >= 0) {
        clearTimeout(this.idle[at]!.timer);
        this.idle.splice(at, 1);
      }
    });
    return worker;
  }

  /** A worker whose run ended waits for the next one; unref'd, so an idle worker never keeps the process alive. */
  private park(worker: Worker): void {
    if (this.closed) {
      void worker.terminate();
      return;
    }
    const entry: IdleWorker = {
      worker,
      timer: setTimeout(() => {
        const at = this.idle.indexOf(entry);
        if (at >= 0) this.idle.splice(at, 1);
        void worker.terminate();
      }, this.o.idleMs ?? IDLE_MS),
    };
    entry.timer.unref?.();
    worker.unref();
    this.idle.push(entry);
  }
}
