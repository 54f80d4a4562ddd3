import { ProgressBar } from '../../components/ProgressBar';
import { useSyncsStore } from '../../stores/syncs';
import { progressText } from './format';

/** The run in progress for a sync: bar (indeterminate until the total is known), rate, ETA, Cancel. */
export function RunProgress(props: { syncId: string; runningRunId: string | null }) {
  const progress = useSyncsStore((s) => s.progress[props.syncId]);
  const starting = useSyncsStore((s) => s.starting[props.syncId]);
  const cancel = useSyncsStore((s) => s.cancel);
  const runId = progress?.runId ?? starting?.runId ?? props.runningRunId;
  if (!runId) return null;
  const label = starting?.dryRun ? 'Dry run progress' : 'Sync progress';
  return (
    <div className="run-progress" data-testid="sync-running">
      <ProgressBar value={progress?.processed ?? 0} max={progress?.total} label={label} testId="sync-progress" />
      <p className="muted" aria-live="polite" data-testid="sync-progress-text">
        {progress ? `${starting?.dryRun ? 'Dry run: ' : ''}${progressText(progress)}` : 'Starting…'}
      </p>
      <button type="button" onClick={() => void cancel(runId)} data-testid="sync-cancel">
        Cancel run
      </button>
    </div>
  );
}
