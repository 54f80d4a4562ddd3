import { useEffect } from 'react';
import { EmptyState } from '../components/EmptyState';
import { PageHeader } from '../components/PageHeader';
import { RunDetail } from '../features/syncs/RunDetail';
import { SyncEditor } from '../features/syncs/SyncEditor';
import { SyncList } from '../features/syncs/SyncList';
import { SyncPanel } from '../features/syncs/SyncPanel';
import { useRouter } from '../router';
import { useSyncsStore } from '../stores/syncs';

export function SyncsPage() {
  const { list, loaded, error, selectedId, editor, detail, message, mappings } = useSyncsStore();
  const { load, live, select, openEditor } = useSyncsStore.getState();
  const go = useRouter((s) => s.go);

  useEffect(() => {
    void load();
    return live();
  }, [load, live]);

  const selected = list.find((s) => s.definition.id === selectedId);
  const newButton = (
    <button
      type="button"
      className="primary"
      onClick={() => openEditor()}
      disabled={mappings.length === 0}
      data-testid="new-sync"
    >
      New sync
    </button>
  );
  return (
    <>
      <PageHeader
        title="Syncs"
        subtitle="Run a mapping: once, on a schedule, or as a dry run that writes nothing."
        actions={list.length ? newButton : undefined}
      />
      {error ? (
        <p className="error-text" role="alert">
          {error}
        </p>
      ) : null}
      {message ? (
        <p className="muted" role="status" data-testid="syncs-message">
          {message}
        </p>
      ) : null}
      {editor ? <SyncEditor /> : null}
      {loaded && list.length === 0 && !editor ? (
        <EmptyState
          title="No syncs yet"
          testId="syncs-empty"
          action={
            mappings.length ? (
              newButton
            ) : (
              <button type="button" onClick={() => go('mappings')}>
                Create a mapping first
              </button>
            )
          }
        >
          A sync runs a mapping: once, on a schedule, or as a dry run that writes nothing. Or try the demo workspace:
          run <code>patchbay demo</code>.
        </EmptyState>
      ) : null}
      {list.length ? <SyncList items={list} selectedId={selectedId} onSelect={(id) => void select(id)} /> : null}
      {selected && !editor ? <SyncPanel item={selected} /> : null}
      {detail ? <RunDetail /> : null}
    </>
  );
}
