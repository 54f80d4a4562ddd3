import type { ConnectionView } from '../../../../shared/models/connection';
import type { MappingSummary } from '../../stores/mappings';
import { formatTime } from './format';

export function MappingList(props: {
  mappings: MappingSummary[];
  connections: ConnectionView[];
  onOpen: (id: string) => void;
  onRemove: (m: MappingSummary) => void;
}) {
  const name = (id: string) => props.connections.find((c) => c.id === id)?.name ?? `${id} (missing)`;
  return (
    <table className="mapping-list" data-testid="mapping-list">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Source → target</th>
          <th scope="col">Rules</th>
          <th scope="col">Version</th>
          <th scope="col">Saved</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {props.mappings.map((m) => (
          <tr key={m.id} data-testid={`mapping-row-${m.name}`}>
            <td>
              <button
                type="button"
                className="link-button"
                onClick={() => props.onOpen(m.id)}
                data-testid="mapping-open"
              >
                {m.name}
              </button>
            </td>
            <td>
              {name(m.source.connectionId)} · {m.source.resource} → {name(m.target.connectionId)} · {m.target.resource}
            </td>
            <td>{m.rules}</td>
            <td>v{m.version}</td>
            <td>{formatTime(m.updatedAt)}</td>
            <td>
              <button
                type="button"
                className="danger-outline"
                onClick={() => props.onRemove(m)}
                aria-label={`Remove ${m.name}`}
                data-testid="mapping-remove"
              >
                Remove
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
