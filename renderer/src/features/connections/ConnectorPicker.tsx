import { useState } from 'react';
import type { ConnectorSummary } from '../../../../shared/models/connector';
import { ConnectorLogo } from '../../components/ConnectorLogo';

/** Searchable connector catalog: the first step of "Add connection". */
export function ConnectorPicker(props: {
  connectors: ConnectorSummary[];
  onPick: (c: ConnectorSummary) => void;
  onCancel: () => void;
}) {
  const [query, setQuery] = useState('');
  const q = query.trim().toLowerCase();
  const shown = props.connectors.filter(
    (c) => !q || [c.name, c.description, c.followsApi ?? ''].some((t) => t.toLowerCase().includes(q)),
  );
  return (
    <section className="card" aria-label="Choose a connector">
      <div className="picker-head">
        <h2>Which tool do you want to connect?</h2>
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
      <input
        type="search"
        placeholder="Search the catalog…"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        aria-label="Search connectors"
        data-testid="connector-search"
        autoFocus
      />
      {shown.length === 0 ? (
        <p className="muted">No connector matches “{query}”. Try “Generic REST” for any JSON API.</p>
      ) : null}
      <ul className="connector-grid">
        {shown.map((c) => (
          <li key={c.id}>
            <button
              type="button"
              className="connector-tile"
              onClick={() => props.onPick(c)}
              data-testid={`connector-${c.id}`}
            >
              <ConnectorLogo logo={c.logo} />
              <span>
                <strong>{c.name}</strong>
                <small>{c.followsApi ?? c.description}</small>
              </span>
            </button>
            {c.docsUrl ? (
              <a href={c.docsUrl} target="_blank" rel="noreferrer" className="docs-link">
                API docs
              </a>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
