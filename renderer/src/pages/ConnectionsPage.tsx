import { useEffect, useState } from 'react';
import type { ConnectionView, TestResult } from '../../../shared/models/connection';
import type { ConnectorSummary } from '../../../shared/models/connector';
import { api, errorMessage, unwrap } from '../api';
import { RemoveDialog } from '../components/RemoveDialog';
import { EmptyState } from '../components/EmptyState';
import { PageHeader } from '../components/PageHeader';
import { ConnectionCard } from '../features/connections/ConnectionCard';
import { ConnectionForm, type ConnectionFormValues } from '../features/connections/ConnectionForm';
import { ConnectorPicker } from '../features/connections/ConnectorPicker';
import { OpenApiImport } from '../features/connections/OpenApiImport';
import { ResourceBrowser } from '../features/connections/ResourceBrowser';
import { WsdlImport } from '../features/connections/WsdlImport';
import { useConnections } from '../stores/connections';

type Mode =
  | { kind: 'list' }
  | { kind: 'pick' }
  | { kind: 'import' }
  | { kind: 'import-wsdl' }
  | { kind: 'browse'; connection: ConnectionView }
  | { kind: 'add'; connector: ConnectorSummary; baseUrlTemplate?: string }
  | { kind: 'edit'; connection: ConnectionView };

function toInput(values: ConnectionFormValues) {
  const secrets = Object.fromEntries(Object.entries(values.secrets).filter(([, v]) => v !== ''));
  return {
    name: values.name,
    baseUrl: values.baseUrl,
    authKind: values.authKind,
    authSettings: values.authSettings,
    ...(values.contact ? { integrator: { contact: values.contact } } : {}),
    secrets,
  };
}

export function ConnectionsPage() {
  const store = useConnections();
  const [mode, setMode] = useState<Mode>({ kind: 'list' });
  const [confirm, setConfirm] = useState<ConnectionView>();
  const [results, setResults] = useState<Record<string, TestResult>>({});
  const [status, setStatus] = useState<string>();
  const { load } = store;

  useEffect(() => {
    void load();
  }, [load]);

  const [demoBusy, setDemoBusy] = useState(false);
  const startDemo = async () => {
    setDemoBusy(true);
    try {
      await unwrap(api.demo.start());
      await load();
      setStatus(
        'The demo workspace is ready: sandbox connections, the “CRM contacts → billing customers” mapping and its sync (see Syncs).',
      );
    } catch (error) {
      setStatus(errorMessage(error));
    } finally {
      setDemoBusy(false);
    }
  };

  const connectorOf = (id: string) => store.connectors.find((c) => c.id === id);

  const runTest = async (id: string) => {
    try {
      const result = await store.test(id);
      setResults((r) => ({ ...r, [id]: result }));
    } catch (error) {
      setStatus(errorMessage(error));
    }
  };

  const pick = async (connector: ConnectorSummary) => {
    // The base URL template comes from the full definition.
    const def = await unwrap(api.connectors.get({ id: connector.id })).catch(() => undefined);
    const template = def?.baseUrlTemplate;
    setMode({ kind: 'add', connector, baseUrlTemplate: template && !template.includes('{') ? template : undefined });
  };

  const header = (
    <PageHeader
      title="Connections"
      subtitle="One account of one tool each. Credentials stay in your operating system's keychain."
      actions={
        mode.kind === 'list' ? (
          <>
            <button type="button" onClick={() => setMode({ kind: 'import' })} data-testid="import-openapi">
              Import OpenAPI…
            </button>
            <button type="button" onClick={() => setMode({ kind: 'import-wsdl' })} data-testid="import-wsdl">
              Import WSDL…
            </button>
            <button
              type="button"
              className="primary"
              onClick={() => setMode({ kind: 'pick' })}
              data-testid="add-connection"
            >
              Add connection
            </button>
          </>
        ) : undefined
      }
    />
  );

  if (mode.kind === 'import')
    return (
      <>
        {header}
        <OpenApiImport
          onCancel={() => setMode({ kind: 'list' })}
          onDone={(def) => {
            void store.load();
            setStatus(
              `Imported “${def.name}” with ${def.resources.map((r) => r.name).join(', ')}. Add a connection to use it.`,
            );
            setMode({ kind: 'list' });
          }}
        />
      </>
    );
  if (mode.kind === 'import-wsdl')
    return (
      <>
        {header}
        <WsdlImport
          onCancel={() => setMode({ kind: 'list' })}
          onDone={(def) => {
            void store.load();
            setStatus(
              `Imported “${def.name}” with ${def.resources.map((r) => r.name).join(', ')}. Add a connection to use it.`,
            );
            setMode({ kind: 'list' });
          }}
        />
      </>
    );
  if (mode.kind === 'browse')
    return (
      <>
        {header}
        <ResourceBrowser
          connection={mode.connection}
          connector={connectorOf(mode.connection.connectorId)}
          onClose={() => setMode({ kind: 'list' })}
        />
      </>
    );
  if (mode.kind === 'pick')
    return (
      <>
        {header}
        <ConnectorPicker
          connectors={store.connectors}
          onPick={(c) => void pick(c)}
          onCancel={() => setMode({ kind: 'list' })}
        />
      </>
    );
  if (mode.kind === 'add' || mode.kind === 'edit') {
    const connector = mode.kind === 'add' ? mode.connector : connectorOf(mode.connection.connectorId);
    return (
      <>
        {header}
        <section className="card">
          <h2>{mode.kind === 'add' ? `Connect ${mode.connector.name}` : `Edit ${mode.connection.name}`}</h2>
          {connector ? (
            <ConnectionForm
              connector={connector}
              baseUrlTemplate={mode.kind === 'add' ? mode.baseUrlTemplate : undefined}
              initial={mode.kind === 'edit' ? mode.connection : undefined}
              submitLabel={mode.kind === 'add' ? 'Save and test' : 'Save changes'}
              onCancel={() => setMode({ kind: 'list' })}
              onSubmit={async (values) => {
                if (mode.kind === 'add') {
                  const created = await store.create({ connectorId: mode.connector.id, ...toInput(values) });
                  setMode({ kind: 'list' });
                  setStatus(`Saved “${created.name}”. Testing it now…`);
                  await runTest(created.id);
                  setStatus(undefined);
                } else {
                  await store.update({ id: mode.connection.id, ...toInput(values) });
                  setMode({ kind: 'list' });
                  setStatus('Changes saved.');
                }
              }}
            />
          ) : (
            <p className="error-text">
              The connector “{mode.kind === 'edit' ? mode.connection.connectorId : ''}” is no longer in the catalog.
            </p>
          )}
        </section>
      </>
    );
  }

  return (
    <>
      {header}
      {status ? (
        <p role="status" className="status-line" data-testid="connections-status">
          {status}
        </p>
      ) : null}
      {store.error ? (
        <p className="error-text" role="alert">
          {store.error}
        </p>
      ) : null}
      {store.loaded && store.list.length === 0 ? (
        <EmptyState
          title="No connections yet"
          testId="connections-empty"
          action={
            <>
              <button type="button" className="primary" onClick={() => setMode({ kind: 'pick' })}>
                Add your first connection
              </button>{' '}
              <button type="button" onClick={() => void startDemo()} disabled={demoBusy} data-testid="start-demo">
                {demoBusy ? 'Starting the sandbox tools…' : 'Try the demo workspace'}
              </button>
            </>
          }
        >
          A connection is one account of one tool, such as your CRM or your billing system. Pick the tool, paste its API
          key, and Patchbay tests it for you. Credentials are kept in your operating system's keychain, never in a file.
          No account at hand? The demo workspace connects to sandbox tools running on this computer (a CRM, a billing
          system, a shop, a warehouse and exchange rates) with a mapping and a sync ready to run.
        </EmptyState>
      ) : null}
      <div className="card-list">
        {store.list.map((c) => (
          <ConnectionCard
            key={c.id}
            connection={c}
            connector={connectorOf(c.connectorId)}
            testing={!!store.testing[c.id]}
            lastResult={results[c.id]}
            onTest={() => void runTest(c.id)}
            onEdit={() => setMode({ kind: 'edit', connection: c })}
            onBrowse={() => setMode({ kind: 'browse', connection: c })}
            onDuplicate={() =>
              void store.duplicate(c.id).then(
                (copy) => setStatus(`Created “${copy.name}” without secrets: edit it to set them.`),
                (e) => setStatus(errorMessage(e)),
              )
            }
            onRemove={() => setConfirm(c)}
            onAuthorize={() => void store.authorize(c.id).catch((e) => setStatus(errorMessage(e)))}
          />
        ))}
      </div>
      <RemoveDialog
        item={confirm}
        what="connection"
        consequence="Its settings and its secrets in the OS keychain are deleted. Mappings and syncs that use it will stop working."
        onRemove={(c) => store.remove(c.id)}
        onClose={() => setConfirm(undefined)}
        onStatus={setStatus}
      />
    </>
  );
}
