import { useState } from 'react';
import { OUTBOX_STATES, type OutboxState } from '../../../../shared/models/webhooks';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useWebhooksStore } from '../../stores/webhooks';
import { STATE_BADGE, STATE_LABELS, targetLabel, time } from './format';

/** Outgoing deliveries: state filters with counts, a row per delivery, bulk replay behind a confirmation. */
export function OutboxSection() {
  const { outbox, counts, filter, picked, connectionNames, detail } = useWebhooksStore();
  const { setFilter, togglePick, pickAll, openDelivery, replay } = useWebhooksStore.getState();
  const [confirm, setConfirm] = useState(false);
  const names = new Map(Object.entries(connectionNames));
  const replayable = outbox.filter((d) => d.state !== 'delivered');
  const total = OUTBOX_STATES.reduce((n, s) => n + (counts[s] ?? 0), 0);
  const chip = (state: OutboxState | null, label: string, n: number) => (
    <button
      type="button"
      className="chip"
      aria-pressed={filter === state}
      onClick={() => void setFilter(state)}
      data-testid={`outbox-filter-${state ?? 'all'}`}
    >
      {label} <span className="webhooks-count">{n}</span>
    </button>
  );
  return (
    <section className="card" aria-labelledby="outbox-title" data-testid="webhooks-outbox">
      <div className="webhooks-section-header">
        <h2 id="outbox-title">Outbox</h2>
        <button
          type="button"
          disabled={picked.length === 0}
          onClick={() => setConfirm(true)}
          data-testid="outbox-bulk-replay"
        >
          Replay {picked.length || ''} selected
        </button>
      </div>
      <div className="chips" role="group" aria-label="Show deliveries">
        {chip(null, 'All', total)}
        {OUTBOX_STATES.map((s) => (
          <span key={s} data-testid={`outbox-count-${s}`}>
            {chip(s, STATE_LABELS[s], counts[s] ?? 0)}
          </span>
        ))}
      </div>
      {outbox.length === 0 ? (
        <p className="muted" data-testid="outbox-empty">
          {filter
            ? `No deliveries are ${STATE_LABELS[filter].toLowerCase()}.`
            : 'Nothing sent yet: events that run a mapping queue their calls here first, so none is lost.'}
        </p>
      ) : (
        <div className="webhooks-scroll">
          <table className="syncs-table">
            <thead>
              <tr>
                <th scope="col">
                  <input
                    type="checkbox"
                    aria-label="Select every delivery that can be replayed"
                    checked={replayable.length > 0 && picked.length === replayable.length}
                    disabled={replayable.length === 0}
                    onChange={(e) => pickAll(e.target.checked)}
                    data-testid="outbox-pick-all"
                  />
                </th>
                <th scope="col">State</th>
                <th scope="col">Target</th>
                <th scope="col">Key</th>
                <th scope="col">Attempts</th>
                <th scope="col">Updated</th>
                <th scope="col">Last error</th>
              </tr>
            </thead>
            <tbody>
              {outbox.map((d) => (
                <tr
                  key={d.id}
                  className={detail?.delivery.id === d.id ? 'selected' : undefined}
                  data-testid={`delivery-${d.id}`}
                  data-state={d.state}
                >
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Select delivery ${d.id}`}
                      disabled={d.state === 'delivered'}
                      checked={picked.includes(d.id)}
                      onChange={() => togglePick(d.id)}
                    />
                  </td>
                  <td>
                    <span className={`badge ${STATE_BADGE[d.state]}`}>{STATE_LABELS[d.state]}</span>
                  </td>
                  <td>
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => void openDelivery(d.id)}
                      data-testid="delivery-open"
                    >
                      {targetLabel(d.targetId, names)}
                    </button>
                  </td>
                  <td>
                    <code>{d.orderingKey ?? '—'}</code>
                  </td>
                  <td className="num">{d.attempts}</td>
                  <td>{time(d.updatedAt)}</td>
                  <td className="webhooks-error-cell">{d.lastError ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ConfirmDialog
        open={confirm}
        title={`Replay ${picked.length} deliver${picked.length === 1 ? 'y' : 'ies'}?`}
        message="Each is sent again now with its original idempotency id, so a receiver that already has it can ignore the repeat."
        confirmLabel="Replay"
        onCancel={() => setConfirm(false)}
        onConfirm={() => {
          setConfirm(false);
          void replay(picked);
        }}
      />
    </section>
  );
}
