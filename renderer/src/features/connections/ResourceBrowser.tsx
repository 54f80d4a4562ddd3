import { useEffect, useState } from 'react';
import type { ConnectionView } from '../../../../shared/models/connection';
import type { ConnectorSummary } from '../../../../shared/models/connector';
import type { FieldSchema } from '../../../../shared/models/field-schema';
import { api, errorMessage, unwrap } from '../../api';

function cell(record: Record<string, unknown>, field: FieldSchema): string {
  const path = (field.path ?? field.name).split('.');
  let v: unknown = record;
  for (const part of path) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
  if (v === undefined || v === null) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** The first records of a resource and its field schema: "what does this API actually give me?" */
export function ResourceBrowser(props: {
  connection: ConnectionView;
  connector?: ConnectorSummary;
  onClose: () => void;
}) {
  const resources = props.connector?.resources ?? [];
  const [resource, setResource] = useState(resources[0]?.name ?? '');
  const [data, setData] = useState<{ fields: FieldSchema[]; records: Record<string, unknown>[] }>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    if (!resource) return;
    let live = true;
    setLoading(true);
    setError(undefined);
    unwrap(api.connections.browse({ id: props.connection.id, resource, limit: 20 }))
      .then(
        (d) => live && setData(d),
        (e) => live && setError(errorMessage(e)),
      )
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [props.connection.id, resource]);

  return (
    <section className="card" aria-label={`Browse ${props.connection.name}`} data-testid="resource-browser">
      <div className="picker-head">
        <h2>Data in {props.connection.name}</h2>
        <button type="button" onClick={props.onClose}>
          Close
        </button>
      </div>
      {resources.length === 0 ? <p className="muted">This connector has no resources yet.</p> : null}
      <label>
        Resource{' '}
        <select value={resource} onChange={(e) => setResource(e.target.value)} data-testid="browse-resource">
          {resources.map((r) => (
            <option key={r.name} value={r.name}>
              {r.label}
            </option>
          ))}
        </select>
      </label>
      {loading ? <p className="muted">Loading the first records…</p> : null}
      {error ? (
        <p className="error-text" role="alert">
          {error}
        </p>
      ) : null}
      {data ? (
        <div className="table-scroll">
          <table data-testid="browse-table">
            <thead>
              <tr>
                {data.fields.map((f) => (
                  <th
                    key={f.name}
                    title={`${f.type}${f.format ? ` (${f.format})` : ''}${f.description ? ` — ${f.description}` : ''}`}
                  >
                    {f.name}
                    {f.pii ? (
                      <span className="badge warn" title="Personal data">
                        PII
                      </span>
                    ) : null}
                    {f.custom ? (
                      <span className="badge" title="Defined by this account, read from the API">
                        custom
                      </span>
                    ) : null}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.records.map((r, i) => (
                <tr key={i}>
                  {data.fields.map((f) => (
                    <td key={f.name}>{cell(r, f)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {data.records.length === 0 ? <p className="muted">No records in this resource.</p> : null}
        </div>
      ) : null}
    </section>
  );
}
