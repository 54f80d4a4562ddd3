import { useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useSyncsStore, type SyncListItem } from '../../stores/syncs';
import { countersText, STATUS_LABEL } from './format';
import { RunHistory } from './RunHistory';
import { CopyYamlButton } from '../workspace/CopyYamlButton';
import { RunProgress } from './RunProgress';
import { SyncHealthNote } from '../health/SyncHealthNote';

/** The selected sync: run it (or dry-run it), follow the run, read its history; edit or remove it. */
export function SyncPanel(props: { item: SyncListItem }) {
  const { definition, running, lastRun } = props.item;
  const history = useSyncsStore((s) => s.history);
  const busy =
    useSyncsStore((s) => Boolean(s.progress[definition.id] || s.starting[definition.id])) || running !== null;
  const { run, openRun, openEditor, remove } = useSyncsStore.getState();
  const [confirming, setConfirming] = useState(false);
  return (
    <section className="sync-panel card" aria-label={`Sync ${definition.name}`} data-testid="sync-panel">
      <header className="sync-panel-header">
        <h2>{definition.name}</h2>
        <div className="sync-actions">
          <button
            type="button"
            onClick={() => void run(definition.id, true)}
            disabled={busy}
            data-testid="sync-dry-run"
          >
            Dry run
          </button>
          <button
            type="button"
            className="primary"
            onClick={() => void run(definition.id, false)}
            disabled={busy}
            data-testid="sync-run-now"
          >
            Run now
          </button>
          <button type="button" onClick={() => openEditor(definition.id)} disabled={busy} data-testid="sync-edit">
            Edit
          </button>
          <CopyYamlButton kind="sync" id={definition.id} />
          <button
            type="button"
            className="danger"
            onClick={() => setConfirming(true)}
            disabled={busy}
            data-testid="sync-remove"
          >
            Remove
          </button>
        </div>
      </header>
      <p className="muted">
        {definition.mode === 'full' ? 'Full' : 'Incremental'} · {definition.writeStrategy.replace('_', ' ')} ·
        duplicates: {definition.dedup.replace(/_/g, ' ')} ·{' '}
        {definition.failurePolicy.stopAfterErrors
          ? `stops after ${definition.failurePolicy.stopAfterErrors} errors`
          : 'never stops on record errors'}
      </p>
      <SyncHealthNote syncId={definition.id} />
      <RunProgress syncId={definition.id} runningRunId={running} />
      {!busy && lastRun ? (
        <p className="sync-report" data-testid="sync-report" data-status={lastRun.status}>
          Last {lastRun.dryRun ? 'dry run' : 'run'}: <strong>{STATUS_LABEL[lastRun.status]}</strong> —{' '}
          {countersText(lastRun.counters)}{' '}
          <button
            type="button"
            className="link"
            onClick={() => void openRun(lastRun.id)}
            data-testid="sync-report-open"
          >
            Details
          </button>
        </p>
      ) : null}
      <RunHistory runs={history} onOpen={(id) => void openRun(id, { kind: null })} />
      <ConfirmDialog
        open={confirming}
        title={`Remove "${definition.name}"?`}
        message="Its run history and id map are deleted. Records already written to the target stay there."
        confirmLabel="Remove sync"
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          void remove(definition.id);
        }}
      />
    </section>
  );
}
