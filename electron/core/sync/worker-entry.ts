import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../../shared/errors';
import type { CallEvent } from '../../../shared/models/call-event';
import type { ConnectorClient } from '../connectors/client';
import { runSync } from './engine';
import { partsOf } from './plan';
import { openStateDb } from './state-db';
import { SyncStateStore } from './state-store';
import type { FromWorker, ToWorker, WorkerJob } from './worker-protocol';
import { errorMessage } from '../../../shared/error-message';

/**
 * The sync worker thread: one run per worker. It opens its own connection to state.db (WAL lets the
 * main thread read history meanwhile), runs the engine, and reports over the message port.
 */
const port = parentPort!;
const job = workerData as WorkerJob;
const post = (m: FromWorker) => port.postMessage(m);
const cancel = new AbortController();
port.on('message', (m: ToWorker) => {
  if (m.type === 'cancel') cancel.abort();
});

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
const db = openStateDb(job.dbPath);
try {
  const run = await runSync({
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
    signal: cancel.signal,
    onStart: (r) => post({ type: 'started', run: r }),
    onProgress: (progress) => post({ type: 'progress', progress }),
  });
  flush();
  for (const [connectionId, client] of clients) {
    const learned = client.runtime.learnedRate();
    if (learned) post({ type: 'learned', connectionId, ...learned });
  }
  post({ type: 'done', run });
} catch (error) {
  post({
    type: 'error',
    error: AppError.is(error) ? error.toJSON() : { code: 'internal', message: errorMessage(error) },
  });
} finally {
  clearInterval(flusher);
  flush();
  db.close();
  port.close();
}
