import { useEffect, useState } from 'react';
import { RemoveDialog } from '../components/RemoveDialog';
import { EmptyState } from '../components/EmptyState';
import { PageHeader } from '../components/PageHeader';
import { MappingEditor } from '../features/mappings/MappingEditor';
import { MappingList } from '../features/mappings/MappingList';
import { NewMappingForm } from '../features/mappings/NewMappingForm';
import { errorMessage } from '../api';
import { useConnections } from '../stores/connections';
import { useMappings, type MappingSummary } from '../stores/mappings';

export function MappingsPage() {
  const store = useMappings();
  const connections = useConnections();
  const [creating, setCreating] = useState(false);
  const [confirm, setConfirm] = useState<MappingSummary>();
  const [status, setStatus] = useState<string>();
  const { load } = store;
  const loadConnections = connections.load;

  useEffect(() => {
    void load();
    void loadConnections();
  }, [load, loadConnections]);

  if (store.editor) return <MappingEditor />;
  const header = (
    <PageHeader
      title="Mappings"
      subtitle="How fields of one tool become fields of another, previewed on live records before anything is written."
      actions={
        !creating ? (
          <button type="button" className="primary" onClick={() => setCreating(true)} data-testid="new-mapping">
            New mapping
          </button>
        ) : undefined
      }
    />
  );
  if (creating) {
    return (
      <>
        {header}
        <NewMappingForm
          connections={connections.list}
          onCancel={() => setCreating(false)}
          onStarted={() => setCreating(false)}
        />
      </>
    );
  }
  return (
    <>
      {header}
      {status ? (
        <p role="status" className="status-line">
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
          title="No mappings yet"
          testId="mappings-empty"
          action={
            <button type="button" className="primary" onClick={() => setCreating(true)}>
              Create a mapping
            </button>
          }
        >
          Create a mapping: pick a source and a target (for example CRM contacts → billing customers), start from the
          suggested rules, and check the live preview of what would be sent before anything is written.
        </EmptyState>
      ) : (
        <MappingList
          mappings={store.list}
          connections={connections.list}
          onOpen={(id) => void store.open(id).catch((e) => setStatus(errorMessage(e)))}
          onRemove={setConfirm}
        />
      )}
      <RemoveDialog
        item={confirm}
        what="mapping"
        consequence="The mapping and its whole version history are deleted. Syncs that use it will stop working."
        onRemove={(m) => store.remove(m.id)}
        onClose={() => setConfirm(undefined)}
        onStatus={setStatus}
      />
    </>
  );
}
