import type { SyncBrake, SyncRun } from '../../../shared/models/sync';
import { runSync, type EngineOptions } from './engine';

export interface BrakeVerdict {
  /** Records the run would update or delete. */
  changes: number;
  /** Records the sync has written so far (its id map). */
  synced: number;
  /** Target records found twice for one match key (never written). */
  ambiguous: number;
  held: boolean;
  message: string;
}

/** The brake's arithmetic: pure, so the numbers the user sees are the ones that decided. */
export function judge(brake: SyncBrake, counters: SyncRun['counters'], synced: number): BrakeVerdict {
  const changes = counters.updated;
  const ambiguous = counters.ambiguous;
  const share = synced > 0 ? (changes / synced) * 100 : 0;
  const overShare = synced > 0 && share > brake.maxPercent;
  const overCount = changes > brake.maxCount;
  const held = ambiguous > 0 || (changes >= brake.minChanges && (overShare || overCount));
  const pct = synced > 0 ? ` (${Math.round(share)}% of the ${synced} records this sync has written)` : '';
  const why: string[] = [];
  if (changes >= brake.minChanges && (overShare || overCount))
    why.push(
      `it would update or delete ${changes} target records${pct}; the brake stops runs above ${brake.maxPercent}% or ${brake.maxCount}`,
    );
  if (ambiguous > 0)
    why.push(`${ambiguous} source record(s) match more than one target record by their match key (not written)`);
  return {
    changes,
    synced,
    ambiguous,
    held,
    message: held
      ? `Held before writing anything: ${why.join('; ')}. The outcomes of this run are what it would do: check them, then confirm to run it once, or fix the mapping or the duplicates.`
      : '',
  };
}

/**
 * A run behind the brake: the same engine first runs dry under the run's id (reads, maps, looks
 * up, writes nothing), and only when its numbers are under the sync's threshold is that look-ahead
 * dropped and the real run started. Held, the look-ahead stays as the run, "needs confirmation".
 * A resumed run, a retry, a dry run and a confirmed run skip the look-ahead.
 */
export async function runWithBrake(o: EngineOptions & { confirmed?: boolean }): Promise<SyncRun> {
  const { confirmed, ...engine } = o;
  const brake = o.definition.brake;
  const resuming = o.store.resumable(o.definition.id) !== null;
  if (!brake || o.dryRun || o.retryOf || resuming) return runSync(engine);
  if (confirmed) return runSync(engine);
  const ahead = await runSync({ ...engine, dryRun: true });
  if (ahead.status !== 'succeeded' && ahead.status !== 'completed_with_errors') return ahead;
  const verdict = judge(brake, ahead.counters, o.store.mappedCount(o.definition.id));
  if (verdict.held) {
    const error = { code: 'needs_confirmation', message: verdict.message };
    const at = (o.now?.() ?? new Date()).toISOString();
    o.store.finishRun(ahead.id, 'needs_confirmation', ahead.counters, error, ahead.activeMs, ahead.warnings, at);
    return { ...ahead, status: 'needs_confirmation', error, finishedAt: at };
  }
  o.store.deleteRun(ahead.id);
  return runSync(engine);
}
