import type { ExportFormat } from '../../../../shared/models/logs';
import { ProgressBar } from '../../components/ProgressBar';
import { useLogsStore } from '../../stores/logs';

const FORMATS: { id: ExportFormat; label: string; title: string }[] = [
  { id: 'jsonl', label: 'JSONL', title: 'One JSON object per call, per line' },
  { id: 'csv', label: 'CSV', title: 'For spreadsheets' },
  { id: 'har', label: 'HAR', title: 'HTTP Archive 1.2: open it in a browser’s devtools Network panel' },
];

/** Export the current filter, or the ticked rows when there are any, with a progress bar for big files. */
export function ExportBar() {
  const markedCount = useLogsStore((s) => Object.keys(s.marked).length);
  const hasRows = useLogsStore((s) => s.rows.length > 0);
  const state = useLogsStore((s) => s.exportState);
  const exportCalls = useLogsStore((s) => s.exportCalls);
  const clearMarks = useLogsStore((s) => s.clearMarks);
  const dismiss = useLogsStore((s) => s.dismissExport);
  const supportBundle = useLogsStore((s) => s.exportSupportBundle);
  const runId = useLogsStore((s) => s.filter.runId.trim());
  const running = state?.status === 'running';
  return (
    <div className="logs-export" data-testid="logs-export">
      <span className="muted">{markedCount ? `Export ${markedCount} selected:` : 'Export current filter:'}</span>
      {FORMATS.map((f) => (
        <button
          key={f.id}
          type="button"
          title={f.title}
          disabled={running || !hasRows}
          onClick={() => void exportCalls(f.id, markedCount ? 'marked' : 'filter')}
          data-testid={`logs-export-${f.id}`}
        >
          {f.label}
        </button>
      ))}
      {runId ? (
        <button
          type="button"
          disabled={running}
          onClick={() => void supportBundle()}
          title="A .zip with this run's calls, app versions and settings without secrets"
          data-testid="logs-support-bundle"
        >
          Support bundle
        </button>
      ) : null}
      {markedCount ? (
        <button type="button" className="link" onClick={clearMarks}>
          Clear selection
        </button>
      ) : null}
      {state ? (
        <div
          className={`export-status export-${state.status}`}
          role="status"
          data-testid="export-status"
          data-export-path={state.path}
        >
          {state.status === 'running' ? (
            <>
              <span>
                {state.label}: {state.done}/{state.total || '…'}
              </span>
              <ProgressBar
                value={state.done}
                max={state.total || undefined}
                label={state.label}
                testId="export-progress"
              />
            </>
          ) : (
            <span className={state.status === 'error' ? 'error-text' : undefined}>{state.message}</span>
          )}
          {state.status !== 'running' ? (
            <button type="button" className="link" aria-label="Dismiss" onClick={dismiss}>
              ×
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
