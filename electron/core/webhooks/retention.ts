import type { PruneStep } from '../db/open-sqlite';

/**
 * What webhooks.db may forget once the retention period has passed: deliveries that were delivered
 * (with their attempt history), then received events nothing still waits on. Pending, retrying and
 * parked deliveries and the events behind them are kept whatever their age: they are work to do.
 * Order matters: attempts before their deliveries, deliveries before the events they came from.
 */
export const WEBHOOK_DB_PRUNE: readonly PruneStep[] = [
  {
    label: 'attempt history of delivered webhooks',
    cutoff: 'epoch_ms',
    sql: `DELETE FROM attempts WHERE (delivery_id, n) IN (
            SELECT a.delivery_id, a.n FROM attempts a JOIN outbox o ON o.id = a.delivery_id
            WHERE o.state = 'delivered' AND o.delivered_at < ? LIMIT ?)`,
  },
  {
    label: 'delivered webhooks',
    cutoff: 'epoch_ms',
    sql: `DELETE FROM outbox WHERE seq IN (
            SELECT seq FROM outbox WHERE state = 'delivered' AND delivered_at < ? LIMIT ?)`,
  },
  {
    label: 'received webhook events already handled',
    cutoff: 'epoch_ms',
    sql: `DELETE FROM events WHERE seq IN (
            SELECT e.seq FROM events e
            WHERE e.status IN ('processed', 'skipped') AND e.received_at < ?
              AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.source_event_seq = e.seq)
            LIMIT ?)`,
  },
];
