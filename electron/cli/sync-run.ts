import type { SyncProgress, SyncRun } from '../../shared/models/sync';
import type { CommandContext } from './command';
import { progressLine } from './output';

/** "created 12 / updated 3 (name: 2, phone: 1) / unchanged 130 / failed 0 / skipped 0": the line every run ends with. */
export function runReport(run: SyncRun): string {
  const c = run.counters;
  const fields = Object.entries(c.updatedFields)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([f, n]) => `${f}: ${n}`)
    .join(', ');
  const parts = [
    `created ${c.created}`,
    `updated ${c.updated}${fields ? ` (${fields})` : ''}`,
    `unchanged ${c.unchanged}`,
    `failed ${c.failed}`,
    `skipped ${c.skipped}`,
  ];
  if (c.merged) parts.push(`merged ${c.merged}`);
  if (c.filtered) parts.push(`filtered out ${c.filtered}`);
  return parts.join(' / ');
}

export function runHeadline(name: string, run: SyncRun): string {
  const seconds = (run.activeMs / 1000).toFixed(1);
  return `${run.dryRun ? 'Dry run' : 'Run'} of "${name}" ${run.status.replace(/_/g, ' ')} in ${seconds}s (run ${run.id}).`;
}

function progressText(p: SyncProgress, dryRun: boolean): string {
  const rate = p.ratePerSec > 0 ? ` ${Math.round(p.ratePerSec)}/s` : '';
  const eta = p.etaSeconds !== undefined ? ` ETA ${p.etaSeconds}s` : '';
  return `${progressLine(p.processed, p.total, dryRun ? 'Dry run' : 'Syncing')}${rate}${eta}`;
}

/** A run is a success for scripts only when every record went through. */
export function runExitCode(run: SyncRun): number {
  return run.status === 'succeeded' ? 0 : 1;
}

/**
 * Starts a run through the `syncs:run` channel (what the window calls) and waits for its
 * `sync:finished`, drawing a progress bar on stderr for a person watching a terminal.
 */
export async function runWithProgress(
  ctx: CommandContext,
  syncId: string,
  dryRun: boolean,
  /** How the run starts (default: `syncs:run`; a confirmation starts it through `syncs:confirm`). */
  start: () => Promise<{ runId: string }> = () => ctx.call('syncs:run', { id: syncId, dryRun }),
): Promise<SyncRun> {
  const core = await ctx.core();
  const show = Boolean(process.stderr.isTTY) && !ctx.json;
  const finished = new Map<string, SyncRun>();
  let wanted: string | undefined;
  let resolveDone: ((run: SyncRun) => void) | undefined;
  const done = new Promise<SyncRun>((resolve) => (resolveDone = resolve));
  const offFinished = core.events.on('sync:finished', (run) => {
    finished.set(run.id, run);
    if (run.id === wanted) resolveDone?.(run);
  });
  const offProgress = core.events.on('sync:progress', (p) => {
    if (show && p.syncId === syncId) process.stderr.write(`\r\x1b[2K${progressText(p, dryRun)}`);
  });
  try {
    const { runId } = await start();
    wanted = runId;
    const early = finished.get(runId);
    return early ?? (await done);
  } finally {
    offFinished();
    offProgress();
    if (show) process.stderr.write('\n');
  }
}
