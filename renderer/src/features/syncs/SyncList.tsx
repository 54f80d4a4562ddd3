import type { SyncListItem } from '../../stores/syncs';
import { formatWhen, STATUS_LABEL } from './format';

/** The syncs as a table: last run status and next scheduled time at a glance; a row opens the sync. */
export function SyncList(props: { items: SyncListItem[]; selectedId: string | null; onSelect: (id: string) => void }) {
  return (
    <table className="syncs-table" data-testid="syncs-list">
      <thead>
        <tr>
          <th scope="col">Sync</th>
          <th scope="col">Mapping</th>
          <th scope="col">Last run</th>
          <th scope="col">Schedule</th>
          <th scope="col">Next run</th>
        </tr>
      </thead>
      <tbody>
        {props.items.map((s) => {
          const id = s.definition.id;
          const status = s.running ? 'running' : s.lastRun?.status;
          return (
            <tr
              key={id}
              className={id === props.selectedId ? 'selected' : undefined}
              aria-selected={id === props.selectedId}
              data-testid={`sync-row-${id}`}
            >
              <td>
                <button type="button" className="link" onClick={() => props.onSelect(id)} data-testid="sync-open">
                  {s.definition.name}
                </button>
                {s.definition.enabled ? null : <span className="badge">disabled</span>}
              </td>
              <td>{s.mappingName ?? <span className="error-text">mapping missing</span>}</td>
              <td data-testid="sync-last-status">
                {status ? (
                  <span className={`run-status run-status-${status}`}>{STATUS_LABEL[status]}</span>
                ) : (
                  'Never run'
                )}
                {s.lastRun && !s.running ? <span className="muted"> · {formatWhen(s.lastRun.startedAt)}</span> : null}
              </td>
              <td>{s.schedulePreview ?? (s.definition.schedule ? s.definition.schedule.cron : 'Manual')}</td>
              <td>{formatWhen(s.nextRunAt)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
