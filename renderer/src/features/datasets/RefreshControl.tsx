import { ProgressBar } from '../../components/ProgressBar';
import { useDatasetsStore } from '../../stores/datasets';

const PHASE: Record<string, string> = {
  rates: 'Reading the exchange rates',
  normalize: 'Re-converting stored rows',
  done: 'Finishing',
};

/** "Refresh" with a progress bar fed by datasets:progress (per source; indeterminate when no earlier count is known). */
export function RefreshControl({ sourceLabels }: { sourceLabels: Record<string, string> }) {
  const refresh = useDatasetsStore((s) => s.refresh);
  const run = useDatasetsStore((s) => s.runRefresh);
  const p = refresh.progress;
  const label = p
    ? p.phase === 'source'
      ? `Reading ${sourceLabels[p.source] ?? p.source}`
      : (PHASE[p.phase] ?? p.phase)
    : 'Starting';
  return (
    <div className="dataset-refresh">
      <button
        type="button"
        className="primary"
        onClick={() => void run()}
        disabled={refresh.running}
        aria-busy={refresh.running}
        data-testid="dataset-refresh"
      >
        {refresh.running ? 'Refreshing…' : 'Refresh'}
      </button>
      {refresh.running ? (
        <div className="dataset-refresh-status" role="status" data-testid="dataset-refresh-progress">
          <span>
            {label}
            {p && p.phase === 'source'
              ? `: ${p.done.toLocaleString()}${p.total ? ` / ${p.total.toLocaleString()}` : ''} rows`
              : '…'}
          </span>
          <ProgressBar value={p?.done ?? 0} max={p?.phase === 'source' ? p.total : undefined} label="Dataset refresh" />
        </div>
      ) : refresh.message ? (
        <span className={refresh.failed ? 'error-text' : 'muted'} role="status" data-testid="dataset-refresh-message">
          {refresh.message}
        </span>
      ) : null}
    </div>
  );
}
