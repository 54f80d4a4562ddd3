import { useState } from 'react';
import type { ConnectorDefinition, Pagination } from '../../../../shared/models/connector';
import type { ImportedOperation, OpenApiInspection } from '../../../../shared/models/openapi-import';
import { api, errorMessage, unwrap } from '../../api';
import { DocumentSourceField } from './DocumentSourceField';

type Roles = 'list' | 'get' | 'create' | 'update' | 'delete';
const ROLES: Roles[] = ['list', 'get', 'create', 'update', 'delete'];

/** Group operations by suggested resource; only resources with a list operation can be imported. */
function groupByResource(ops: ImportedOperation[]) {
  const groups = new Map<string, ImportedOperation[]>();
  for (const op of ops)
    if (op.role !== 'other' && !op.deprecated) groups.set(op.resource, [...(groups.get(op.resource) ?? []), op]);
  return [...groups.entries()].filter(([, list]) => list.some((o) => o.role === 'list'));
}

/**
 * OpenAPI 3 import wizard: read the document, choose resources (pagination where it could not be
 * inferred), name the connector. The result joins the catalog as a Generic REST connector.
 */
export function OpenApiImport(props: { onDone: (def: ConnectorDefinition) => void; onCancel: () => void }) {
  const [source, setSource] = useState('');
  const [inspection, setInspection] = useState<OpenApiInspection>();
  const [chosen, setChosen] = useState<Record<string, boolean>>({});
  const [pagination, setPagination] = useState<Record<string, Pagination['style']>>({});
  const [name, setName] = useState('');
  const [baseUrl, setBaseUrl] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const inspect = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const result = await unwrap(api.connectors.inspectOpenApi({ source: source.trim() }));
      setInspection(result);
      setName(result.title);
      setChosen(Object.fromEntries(groupByResource(result.operations).map(([r]) => [r, true])));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const importIt = async () => {
    if (!inspection) return;
    setBusy(true);
    setError(undefined);
    try {
      const resources = groupByResource(inspection.operations)
        .filter(([r]) => chosen[r])
        .map(([resource, ops]) => {
          const operations = Object.fromEntries(
            ROLES.flatMap((role) =>
              ops
                .filter((o) => o.role === role)
                .slice(0, 1)
                .map((o) => [role, o.id]),
            ),
          );
          const style = pagination[resource];
          return {
            name: resource.replace(/[^A-Za-z0-9_]/g, '_'),
            operations,
            ...(style === 'none' || style === 'link_header' ? { pagination: { style } } : {}),
          };
        });
      const id =
        name
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-|-$/g, '') || 'imported-api';
      props.onDone(
        await unwrap(
          api.connectors.importOpenApi({ source: source.trim(), id, name, ...(baseUrl ? { baseUrl } : {}), resources }),
        ),
      );
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card form wide" aria-label="Import an OpenAPI document" data-testid="openapi-import">
      <h2>Import an API from its OpenAPI description</h2>
      <DocumentSourceField
        label="OpenAPI 3 document (https URL or absolute file path)"
        placeholder="https://api.example.com/openapi.json"
        testId="openapi"
        value={source}
        onChange={setSource}
        onRead={() => void inspect()}
        busy={busy}
        read={Boolean(inspection)}
      />
      {inspection ? (
        <>
          <p className="muted">
            {inspection.title} {inspection.version}: {inspection.operations.length} operations,{' '}
            {groupByResource(inspection.operations).length} resources with a list.
          </p>
          {inspection.problems?.some((p) => p.outcome !== 'ignored') ? (
            <details data-testid="openapi-problems">
              <summary>
                {inspection.problems.filter((p) => p.outcome !== 'ignored').length} parts of the document were left out
              </summary>
              <ul>
                {inspection.problems
                  .filter((p) => p.outcome !== 'ignored')
                  .map((p) => (
                    <li key={p.pointer}>
                      <code>{p.pointer}</code>: {p.message}
                    </li>
                  ))}
              </ul>
            </details>
          ) : null}
          <fieldset>
            <legend>Resources to import</legend>
            {groupByResource(inspection.operations).map(([resource, ops]) => {
              const list = ops.find((o) => o.role === 'list')!;
              const unknown = list.pagination && !list.pagination.known;
              return (
                <div key={resource} className="resource-choice">
                  <label className="checkbox">
                    <input
                      type="checkbox"
                      checked={!!chosen[resource]}
                      onChange={(e) => setChosen({ ...chosen, [resource]: e.target.checked })}
                      data-testid={`openapi-resource-${resource}`}
                    />
                    <strong>{resource}</strong> — {ops.map((o) => o.role).join(', ')}
                  </label>
                  {unknown ? (
                    <label>
                      Pagination of {list.method} {list.path} could not be inferred: how does it page?
                      <select
                        value={pagination[resource] ?? ''}
                        onChange={(e) =>
                          setPagination({ ...pagination, [resource]: e.target.value as Pagination['style'] })
                        }
                        data-testid={`openapi-pagination-${resource}`}
                      >
                        <option value="">Choose…</option>
                        <option value="none">It returns everything at once</option>
                        <option value="link_header">Link header (rel=next)</option>
                      </select>
                    </label>
                  ) : (
                    <small className="muted">{list.pagination?.reason}</small>
                  )}
                </div>
              );
            })}
          </fieldset>
          <label>
            Connector name
            <input value={name} onChange={(e) => setName(e.target.value)} data-testid="openapi-name" />
          </label>
          <label>
            Base URL (when the document's server address is relative or wrong)
            <input
              value={baseUrl}
              onChange={(e) => setBaseUrl(e.target.value)}
              placeholder="https://api.example.com/v3"
              data-testid="openapi-baseurl"
            />
          </label>
        </>
      ) : null}
      {error ? (
        <p className="error-text" role="alert" data-testid="openapi-error">
          {error}
        </p>
      ) : null}
      <div className="dialog-actions">
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
        <button
          type="button"
          className="primary"
          disabled={!inspection || busy}
          onClick={() => void importIt()}
          data-testid="openapi-submit"
        >
          Import connector
        </button>
      </div>
    </section>
  );
}
