import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { storageProblem } from './sqlite-errors';

/** About what SQLite needs to open a WAL database (its -shm index) and write a few pages. */
const PROBE_BYTES = 64 * 1024;

/**
 * Whether the data folder can take writes right now: a full disk or a read-only mount is found at
 * start, once, so the user is told before the first change fails, and services open read-only.
 */
export function probeDataFolder(dataDir: string): 'disk_full' | 'read_only' | undefined {
  const probe = join(dataDir, `.write-probe-${process.pid}`);
  try {
    writeFileSync(probe, Buffer.alloc(PROBE_BYTES));
    return undefined;
  } catch (error) {
    const problem = storageProblem(error);
    return problem === 'disk_full' || problem === 'read_only' ? problem : undefined;
  } finally {
    rmSync(probe, { force: true });
  }
}
