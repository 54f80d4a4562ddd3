import { useDatasetsStore } from '../../stores/datasets';

/** Where the last chart CSV went (or why it did not), until dismissed. */
export function ExportStatus() {
  const state = useDatasetsStore((s) => s.exportState);
  const dismiss = useDatasetsStore((s) => s.dismissExport);
  if (!state) return null;
  return (
    <div
      className={`export-status export-${state.status}`}
      role="status"
      data-testid="dataset-export-status"
      data-export-path={state.path}
    >
      <span className={state.status === 'error' ? 'error-text' : undefined}>{state.message}</span>
      {state.status !== 'running' ? (
        <button type="button" className="link" aria-label="Dismiss" onClick={dismiss}>
          ×
        </button>
      ) : null}
    </div>
  );
}
