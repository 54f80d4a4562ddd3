import { useRouter } from '../../router';
import { useWebhooksStore } from '../../stores/webhooks';
import { STATE_BADGE, STATE_LABELS, time } from './format';
import { PayloadEditor } from './PayloadEditor';

/** One delivery: its attempt history (status, error, timing), payload inspect/edit, replay, its calls. */
export function DeliveryDetail() {
  const detail = useWebhooksStore((s) => s.detail);
  const { openDelivery, replay } = useWebhooksStore.getState();
  const go = useRouter((s) => s.go);
  if (!detail) return null;
  const d = detail.delivery;
  return (
    <section className="card webhooks-detail" aria-labelledby="delivery-title" data-testid="delivery-detail">
      <div className="webhooks-section-header">
        <h2 id="delivery-title">
          Delivery <code>{d.id}</code>
        </h2>
        <button type="button" onClick={() => void openDelivery(null)} aria-label="Close the delivery">
          Close
        </button>
      </div>
      <p>
        <span className={`badge ${STATE_BADGE[d.state]}`} data-testid="delivery-state">
          {STATE_LABELS[d.state]}
        </span>{' '}
        <span className="muted">
          idempotency id <code>{d.idempotencyId}</code>
          {d.nextAttemptAt ? ` · next attempt ${time(d.nextAttemptAt)}` : ''}
          {d.deliveredAt ? ` · delivered ${time(d.deliveredAt)}` : ''}
        </span>
      </p>
      {d.lastError ? (
        <p className="error-text" data-testid="delivery-error">
          {d.lastError}
        </p>
      ) : null}
      <div className="sync-actions">
        {d.state !== 'delivered' ? (
          <button type="button" className="primary" onClick={() => void replay([d.id])} data-testid="delivery-replay">
            Replay now
          </button>
        ) : null}
        <button type="button" onClick={() => go('logs', { run: d.id })} data-testid="delivery-logs">
          Show its calls in the logs
        </button>
      </div>
      <table className="syncs-table" data-testid="delivery-attempts">
        <caption>Attempts</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Started</th>
            <th scope="col">Took</th>
            <th scope="col">HTTP</th>
            <th scope="col">Outcome</th>
            <th scope="col">Error</th>
          </tr>
        </thead>
        <tbody>
          {detail.attempts.length === 0 ? (
            <tr>
              <td colSpan={6} className="muted">
                Not attempted yet.
              </td>
            </tr>
          ) : (
            detail.attempts.map((a) => (
              <tr key={a.n}>
                <td className="num">{a.n}</td>
                <td>{time(a.startedAt)}</td>
                <td className="num">{Math.round(a.durationMs)} ms</td>
                <td>{a.status ?? '—'}</td>
                <td>{a.outcome}</td>
                <td>{a.error ?? ''}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
      <PayloadEditor id={d.id} payload={d.payload} editable={d.state !== 'delivered'} />
    </section>
  );
}
