// Development/test entry of the sync worker: register tsx in this thread, then load the TypeScript
// entry. Packaged builds use dist/sync-worker.mjs (scripts/build-node.mjs) instead.
import { register } from 'tsx/esm/api';

register();
await import('./worker-entry.ts');
