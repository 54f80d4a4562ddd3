import type { WebhookEndpoint } from '../../../shared/models/webhooks';
import type { WebhookDatabase } from './db';
import type { EventStore, NewEvent } from './event-store';
import { readKey } from './json-path';

export interface CatchUpSource {
  /** Records changed at or after `since` (e.g. the shop's GET /orders?updated_at_min=…); null = everything. */
  list(
    since: Date | null,
    signal?: AbortSignal,
  ): AsyncIterable<Record<string, unknown>> | Promise<Iterable<Record<string, unknown>>>;
  /** Shape a listed record like the webhook body would have been (default: the record itself). */
  toBody?(record: Record<string, unknown>): unknown;
}

export interface CatchUpResult {
  endpointId: string;
  since: string | null;
  listed: number;
  added: number;
  duplicates: number;
}

/** Clock skew between us and the sender, and events in flight when the app closed. */
export const CATCH_UP_OVERLAP_MS = 10 * 60_000;

/**
 * Fills the gap left while the app was closed: lists what changed since the last received event
 * (minus an overlap) and stores each record not already received at that version as a
 * "catch_up" event, which then runs the endpoint's flow like a webhook would.
 */
export async function catchUp(opts: {
  db: WebhookDatabase;
  events: EventStore;
  endpoint: WebhookEndpoint;
  source: CatchUpSource;
  now: number;
  signal?: AbortSignal;
}): Promise<CatchUpResult & { seqs: number[] }> {
  const { endpoint, events } = opts;
  const metaKey = `catchup:${endpoint.id}`;
  const cursor = opts.db.prepare(`SELECT value FROM meta WHERE key = ?`).get(metaKey) as { value: string } | undefined;
  const last = Math.max(events.lastReceivedAt(endpoint.id) ?? 0, cursor ? Number(cursor.value) : 0);
  const since = last > 0 ? new Date(last - CATCH_UP_OVERLAP_MS) : null;
  const listed = await opts.source.list(since, opts.signal);
  let count = 0;
  const fresh: NewEvent[] = [];
  const seen = new Set<string>();
  for await (const record of listed as AsyncIterable<Record<string, unknown>>) {
    count++;
    const body = opts.source.toBody ? opts.source.toBody(record) : record;
    const key = readKey(body, endpoint.entityIdPath);
    const version = readKey(body, endpoint.entityVersionPath);
    if (key === null) continue;
    const id = `catchup:${key}:${version ?? ''}`;
    if (seen.has(id) || events.hasEntityVersion(endpoint.id, key, version)) continue;
    seen.add(id);
    fresh.push({
      endpointId: endpoint.id,
      eventId: id,
      source: 'catch_up',
      receivedAt: opts.now,
      entityKey: key,
      entityVersion: version,
      body: JSON.stringify(body),
    });
  }
  const seqs = opts.db.transaction(() => {
    const inserted = events.insertMany(fresh).filter((s): s is number => typeof s === 'number');
    opts.db
      .prepare(`INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`)
      .run(metaKey, String(opts.now));
    return inserted;
  })();
  return {
    endpointId: endpoint.id,
    since: since?.toISOString() ?? null,
    listed: count,
    added: seqs.length,
    duplicates: count - seqs.length,
    seqs,
  };
}
