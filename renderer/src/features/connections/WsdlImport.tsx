import { useState } from 'react';
import type { ConnectorDefinition } from '../../../../shared/models/connector';
import type { WsdlInspection } from '../../../../shared/models/wsdl-import';
import { connectorIdFrom, defaultWsdlChoices } from '../../../../shared/wsdl-choices';
import { api, errorMessage, unwrap } from '../../api';
import { DocumentSourceField } from './DocumentSourceField';

/**
 * WSDL import wizard: read the document (a file or a URL; its schemas come along), see its services and
 * operations grouped into resources, untick what is not wanted, name the connector. The CLI's
 * `connectors import-wsdl` makes the same choices without asking.
 */
export function WsdlImport(props: { onDone: (def: ConnectorDefinition) => void; onCancel: () => void }) {
  const [source, setSource] = useState('');
  const [inspection, setInspection] = useState<WsdlInspection>();
  const [chosen, setChosen] = useState<Record<string, boolean>>({});
  const [name, setName] = useState('');
  const [baseUrl, setBaseUrl] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const resources = inspection ? defaultWsdlChoices(inspection) : [];

  const inspect = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const result = await unwrap(api.connectors.inspectWsdl({ source: source.trim() }));
      setInspection(result);
      setName(result.service);
      setChosen(Object.fromEntries(defaultWsdlChoices(result).map((r) => [r.name, true])));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const importIt = async () => {
    setBusy(true);
    setError(undefined);
    try {
      props.onDone(
        await unwrap(
          api.connectors.importWsdl({
            source: source.trim(),
            id: connectorIdFrom(name),
            name: name.trim(),
            ...(baseUrl.trim() ? { baseUrl: baseUrl.trim() } : {}),
            resources: resources.filter((r) => chosen[r.name]),
          }),
        ),
      );
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card form wide" aria-label="Import a WSDL" data-testid="wsdl-import">
      <h2>Import a SOAP service from its WSDL</h2>
      <DocumentSourceField
        label="WSDL 1.1 document (http(s) URL, often ending in ?wsdl, or absolute file path)"
        placeholder="https://soap.example.org/PolicyService?wsdl"
        testId="wsdl"
        value={source}
        onChange={setSource}
        onRead={() => void inspect()}
        busy={busy}
        read={Boolean(inspection)}
      />
      {inspection ? (
        <>
          <p className="muted" data-testid="wsdl-summary">
            {inspection.service} (port {inspection.port}, SOAP {inspection.version}
            {inspection.endpoint ? `, at ${inspection.endpoint}` : ''}): {inspection.operations.length} operations.
          </p>
          {inspection.skipped.length + inspection.skippedImports.length > 0 ? (
            <details data-testid="wsdl-skipped">
              <summary>
                {inspection.skipped.length + inspection.skippedImports.length} parts could not be imported
              </summary>
              <ul>
                {inspection.skipped.map((s) => (
                  <li key={s.operation}>
                    <code>{s.operation}</code>: {s.reason}
                  </li>
                ))}
                {inspection.skippedImports.map((s) => (
                  <li key={s.document}>
                    <code>{s.document}</code>: {s.reason}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
          <fieldset>
            <legend>Resources to import</legend>
            {resources.length === 0 ? (
              <p className="muted">No operation has a name that says what it does (List…, Get…, Create…).</p>
            ) : null}
            {resources.map((r) => (
              <label key={r.name} className="checkbox">
                <input
                  type="checkbox"
                  checked={!!chosen[r.name]}
                  onChange={(e) => setChosen({ ...chosen, [r.name]: e.target.checked })}
                  data-testid={`wsdl-resource-${r.name}`}
                />
                <strong>{r.name}</strong> —{' '}
                {Object.entries(r.operations)
                  .map(([role, op]) => `${role}: ${op}`)
                  .join(', ')}
              </label>
            ))}
          </fieldset>
          <label>
            Connector name
            <input value={name} onChange={(e) => setName(e.target.value)} data-testid="wsdl-name" />
          </label>
          <label>
            Base URL (when the WSDL's address is a test host or an internal name)
            <input
              value={baseUrl}
              onChange={(e) => setBaseUrl(e.target.value)}
              placeholder={inspection.endpoint ?? 'https://soap.example.org/PolicyService'}
              data-testid="wsdl-baseurl"
            />
          </label>
        </>
      ) : null}
      {error ? (
        <p className="error-text" role="alert" data-testid="wsdl-error">
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
          disabled={!inspection || busy || !name.trim() || !resources.some((r) => chosen[r.name])}
          onClick={() => void importIt()}
          data-testid="wsdl-submit"
        >
          Import connector
        </button>
      </div>
    </section>
  );
}
