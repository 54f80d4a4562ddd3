/**
 * The sync process the crash test kills: runs the demo sync (connector path) against a sandbox in another process,
 * printing one JSON progress line per update, and a final {"done": run} line. State lives in the
 * folder given, exactly as in the app, so a restart resumes the killed run.
 * Usage: node --import tsx crash-child.ts '<json: {stateDir, crm, billing, definition?}>'
 */
import { join } from 'node:path';
import { demoParts, type DemoPlanSpec } from '../../helpers/demo-plan';
import { runSync } from '../../../electron/core/sync/engine';
import { openStateDb } from '../../../electron/core/sync/state-db';
import { SyncStateStore } from '../../../electron/core/sync/state-store';

const args = JSON.parse(process.argv[2]!) as DemoPlanSpec & { stateDir: string };
const db = openStateDb(join(args.stateDir, 'state.db'));
const store = new SyncStateStore(db);
// A previous incarnation was SIGKILLed: its run is still marked running.
store.markInterrupted();
const run = await runSync({
  ...demoParts(args),
  store,
  onProgress: (p) => process.stdout.write(`${JSON.stringify({ processed: p.processed, phase: p.phase })}\n`),
});
// maxRSS (KiB) lets the benchmark compare peak memory across record counts.
process.stdout.write(`${JSON.stringify({ done: run, maxRssKb: process.resourceUsage().maxRSS })}\n`);
db.close();
process.exit(run.status === 'succeeded' ? 0 : 3);
