import { useWebhooksStore } from '../../stores/webhooks';
import { time } from './format';

const STATUS_BADGE = { received: '', processed: 'ok', skipped: '', parked: 'fail' } as const;

/** What arrived, newest first, live: accepted events with what their flow did, and refused requests. */
export function EventFeed() {
  const events = useWebhooksStore((s) => s.events);
  const rejections = useWebhooksStore((s) => s.rejections);
  const endpoints = useWebhooksStore((s) => s.endpoints);
  const names = new Map(endpoints.map((e) => [e.id, e.name]));
  return (
    <section className="card" aria-labelledby="feed-title" data-testid="webhooks-feed">
      <h2 id="feed-title">Received events</h2>
      {rejections.length ? (
        <ul className="webhooks-rejections" aria-label="Refused requests" data-testid="webhooks-rejections">
          {rejections.slice(0, 5).map((r, i) => (
            <li key={`${r.at}-${i}`}>
              <span className="badge fail">{r.status}</span> {r.path}: {r.message}{' '}
              <span className="muted">
                ({r.reason}, {time(r.at)})
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {events.length === 0 ? (
        <p className="muted" data-testid="feed-empty">
          No events yet. Paste an endpoint URL into the sending tool, or use “Send test event”.
        </p>
      ) : (
        <div className="webhooks-scroll">
          <table className="syncs-table">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Received</th>
                <th scope="col">Endpoint</th>
                <th scope="col">Source</th>
                <th scope="col">Record</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.seq} data-testid={`event-${e.seq}`}>
                  <td className="num">{e.seq}</td>
                  <td>{time(e.receivedAt)}</td>
                  <td>{names.get(e.endpointId) ?? e.endpointId}</td>
                  <td>{e.source.replace('_', '-')}</td>
                  <td>
                    <code>{e.entityKey ?? e.eventId}</code>
                  </td>
                  <td>
                    <span className={`badge ${STATUS_BADGE[e.status]}`}>{e.status}</span>
                    {e.reason ? <span className="muted"> {e.reason}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
