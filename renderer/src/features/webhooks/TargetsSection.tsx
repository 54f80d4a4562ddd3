import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { TargetView } from '../../../../shared/contract/webhooks';
import { api, errorMessage, unwrap } from '../../api';
import { RemoveDialog } from '../../components/RemoveDialog';
import { SecretField } from './SecretField';

/**
 * Outgoing webhook targets: URLs Patchbay delivers events to through the outbox, signed with the
 * Standard Webhooks scheme using a secret kept in the OS keychain. A receiver that answered
 * 410 Gone is disabled here until the user re-enables it.
 */
export function TargetsSection() {
  const [targets, setTargets] = useState<TargetView[]>([]);
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [status, setStatus] = useState<string>();
  const [removing, setRemoving] = useState<TargetView>();

  const reload = useCallback(
    () => unwrap(api.webhooks.targets()).then(setTargets, (e) => setStatus(errorMessage(e))),
    [],
  );
  useEffect(() => {
    void reload();
  }, [reload]);

  const add = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const id =
        name
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-|-$/g, '') || 'target';
      await unwrap(api.webhooks.saveTarget({ id, name, url, disabled: false }));
      setName('');
      setUrl('');
      setStatus(`Added “${name}”. Set its signing secret so the receiver can verify deliveries.`);
      await reload();
    } catch (error) {
      setStatus(errorMessage(error));
    }
  };

  const enable = async (t: TargetView) => {
    await unwrap(api.webhooks.saveTarget({ id: t.id, name: t.name, url: t.url, disabled: false })).then(
      () => setStatus(`“${t.name}” is enabled again; its parked deliveries can be replayed from the outbox.`),
      (e) => setStatus(errorMessage(e)),
    );
    await reload();
  };

  return (
    <section className="card" aria-labelledby="targets-title" data-testid="webhook-targets">
      <h2 id="targets-title">Outgoing webhooks</h2>
      <p className="muted">
        Events Patchbay sends onwards go through the outbox: signed (Standard Webhooks), retried for about a day, kept
        in order per key, and parked for replay if they keep failing.
      </p>
      {targets.length === 0 ? <p className="muted">No outgoing target yet.</p> : null}
      <ul className="target-list">
        {targets.map((t) => (
          <li key={t.id} data-testid={`target-${t.name}`}>
            <strong>{t.name}</strong> <code>{t.url}</code>{' '}
            {t.disabled ? (
              <>
                <span className="badge fail" title={t.disabledReason}>
                  Disabled{t.disabledReason ? `: ${t.disabledReason}` : ''}
                </span>{' '}
                <button type="button" onClick={() => void enable(t)}>
                  Enable again
                </button>
              </>
            ) : null}
            <SecretField id={t.id} hasSecret={t.hasSecret} missingLabel="No secret: deliveries cannot be signed" />
            <button type="button" className="danger-outline" onClick={() => setRemoving(t)} data-testid="target-remove">
              Remove
            </button>
          </li>
        ))}
      </ul>
      <form className="inline-row" onSubmit={(e) => void add(e)} aria-label="Add an outgoing webhook">
        <input
          required
          placeholder="Name, e.g. Warehouse events"
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-label="Target name"
          data-testid="target-name"
        />
        <input
          required
          type="url"
          placeholder="https://receiver.example.com/webhooks"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          aria-label="Target URL"
          data-testid="target-url"
        />
        <button type="submit" data-testid="target-add">
          Add target
        </button>
      </form>
      {status ? (
        <p role="status" className="muted" data-testid="targets-status">
          {status}
        </p>
      ) : null}
      <RemoveDialog
        item={removing}
        what="target"
        consequence="Its signing secret is deleted from the keychain; deliveries already in the outbox for it will fail and park."
        onRemove={async (t) => {
          await unwrap(api.webhooks.removeTarget({ id: t.id }));
          await reload();
        }}
        onClose={() => setRemoving(undefined)}
        onStatus={setStatus}
      />
    </section>
  );
}
