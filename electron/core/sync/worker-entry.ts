import { parentPort } from 'node:worker_threads';
import { AppError } from '../../../shared/errors';
import type { CallEvent } from '../../../shared/models/call-event';
import type { ConnectorClient } from '../connectors/client';
import { runWithBrake } from './brake';
import { partsOf } from './plan';
import { openStateDb } from './state-db';
import { SyncStateStore } from './state-store';
import type { FromWorker, ToWorker, WorkerJob } from './worker-protocol';
import { errorMessage } from '../../../shared/error-message';

/**
 * The sync worker thread: runs one job at a time, each posted as a `run` message, and stays alive
 * for the next, so only the first run pays for starting a thread and loading the engine. Each job
 * opens its own connection to state.db (WAL lets the main thread read history meanwhile) and
 * reports over the message port.
 */
const port = parentPort!;
const post = (m: FromWorker) => port.postMessage(m);
let current: { runId: string; cancel: AbortController } | null = null;
port.on('message', (m: ToWorker) => {
  if (m.type === 'cancel' && current?.runId === m.runId) current.cancel.abort();
  else if (m.type === 'run') void runJob(m.job);
});

async function runJob(job: WorkerJob): Promise<void> {
  const cancel = new AbortController();
  current = { runId: job.runId, cancel };
  // Call events go to the main thread in batches (one message per event would flood the port).
  let calls: CallEvent[] = [];
  const flush = () => {
    if (calls.length) post({ type: 'calls', events: calls });
    calls = [];
  };
  const flusher = setInterval(flush, 250);
  const onCall = (event: CallEvent) => {
    calls.push(event);
    if (calls.length >= 200) flush();
  };
  const clients = new Map<string, ConnectorClient>();
  let db: ReturnType<typeof openStateDb> | null = null;
  try {
    db = openStateDb(job.dbPath);
    const run = await runWithBrake({
      ...partsOf(job.plan, {
        runId: job.runId,
        onCall,
        onSecretRotated: (connectionId, field, value) => post({ type: 'secret', connectionId, field, value }),
        onNeedsReauthorization: (connectionId) => post({ type: 'reauth', connectionId }),
        onClient: (connectionId, client) => clients.set(connectionId, client),
      }),
      store: new SyncStateStore(db),
      runId: job.runId,
      dryRun: job.dryRun,
      retryOf: job.retryOf ?? undefined,
      confirmed: job.confirmed === true,
      signal: cancel.signal,
      onStart: (r) => post({ type: 'started', run: r }),
      onProgress: (progress) => post({ type: 'progress', progress }),
    });
    flush();
    for (const [connectionId, client] of clients) {
      const learned = client.runtime.learnedRate();
      if (learned) post({ type: 'learned', connectionId, ...learned });
    }
    db.close();
    db = null;
    post({ type: 'done', run });
  } catch (error) {
    flush();
    post({
      type: 'error',
      error: AppError.is(error) ? error.toJSON() : { code: 'internal', message: errorMessage(error) },
    });
  } finally {
    clearInterval(flusher);
    db?.close();
    current = null;
  }
}
