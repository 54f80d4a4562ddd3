import type { SyncRun } from '../../../../shared/models/sync';
import { formatWhen, STATUS_LABEL } from './format';

/** The runs of a sync with their counters; a run opens its detail. */
export function RunHistory(props: { runs: SyncRun[]; onOpen: (runId: string) => void }) {
  if (props.runs.length === 0)
    return <p className="muted">No runs yet. A dry run shows what would change without writing anything.</p>;
  return (
    <table className="syncs-table" data-testid="run-history">
      <caption>Run history</caption>
      <thead>
        <tr>
          <th scope="col">Started</th>
          <th scope="col">Kind</th>
          <th scope="col">Status</th>
          <th scope="col">Created</th>
          <th scope="col">Updated</th>
          <th scope="col">Unchanged</th>
          <th scope="col">Failed</th>
          <th scope="col">Skipped</th>
        </tr>
      </thead>
      <tbody>
        {props.runs.map((r) => (
          <tr key={r.id} data-testid={`run-row-${r.id}`} data-status={r.status}>
            <td>
              <button type="button" className="link" onClick={() => props.onOpen(r.id)} data-testid="run-open">
                {formatWhen(r.startedAt)}
              </button>
            </td>
            <td>{r.dryRun ? 'Dry run' : r.retryOf ? 'Retry' : 'Run'}</td>
            <td>
              <span className={`run-status run-status-${r.status}`}>{STATUS_LABEL[r.status]}</span>
            </td>
            <td className="num">{r.counters.created}</td>
            <td className="num">{r.counters.updated}</td>
            <td className="num">{r.counters.unchanged}</td>
            <td className="num">{r.counters.failed}</td>
            <td className="num">{r.counters.skipped}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
