import type { EventStatus, ReceivedEvent } from '../../../shared/models/webhooks';
import type { WebhookDatabase } from './db';

export interface NewEvent {
  endpointId: string;
  eventId: string;
  source: ReceivedEvent['source'];
  receivedAt: number;
  entityKey: string | null;
  entityVersion: string | null;
  /** The raw JSON text as received (what the signature covered). */
  body: string;
  /**
   * SHA-256 of the raw body, hex. Set when the scheme signs the body but not the event id (Shopify):
   * the same signed body under another id is then a duplicate, since a captured request can be resent
   * with any id header.
   */
  bodySha256?: string;
}

export interface EventRow {
  seq: number;
  endpoint_id: string;
  event_id: string;
  source: ReceivedEvent['source'];
  received_at: number;
  entity_key: string | null;
  entity_version: string | null;
  status: EventStatus;
  reason: string | null;
  body: string;
  duplicates?: number;
}

export function toReceivedEvent(row: EventRow): ReceivedEvent {
  return {
    seq: row.seq,
    endpointId: row.endpoint_id,
    eventId: row.event_id,
    source: row.source,
    receivedAt: new Date(row.received_at).toISOString(),
    entityKey: row.entity_key,
    entityVersion: row.entity_version,
    status: row.status,
    reason: row.reason,
    body: JSON.parse(row.body) as unknown,
  };
}

/** The new event's seq; 'duplicate' when already received (the earlier row counts it); 'same_version' after a catch-up. */
export type InsertResult = number | 'duplicate' | 'same_version';

/** Versions compare as times when both parse as dates (ISO strings with offsets), else as strings. */
export function versionAtLeast(have: string, want: string): boolean {
  const a = Date.parse(have);
  const b = Date.parse(want);
  return Number.isNaN(a) || Number.isNaN(b) ? have >= want : a >= b;
}

/** Received events: the durable inbox, the replay-protection id set and the live feed. */
export class EventStore {
  private readonly stmts;

  constructor(readonly db: WebhookDatabase) {
    this.stmts = {
      insert: db.prepare(
        `INSERT OR IGNORE INTO events (endpoint_id, event_id, source, received_at, entity_key, entity_version, status, body, body_sha256)
         VALUES (?, ?, ?, ?, ?, ?, 'received', ?, ?)`,
      ),
      sameBody: db.prepare(`SELECT seq FROM events WHERE endpoint_id = ? AND body_sha256 = ? LIMIT 1`),
      countDuplicate: db.prepare(
        `UPDATE events SET duplicates = duplicates + 1, last_duplicate_at = ? WHERE endpoint_id = ? AND event_id = ?`,
      ),
      countDuplicateSeq: db.prepare(
        `UPDATE events SET duplicates = duplicates + 1, last_duplicate_at = ? WHERE seq = ?`,
      ),
      nextReceived: db.prepare(`SELECT * FROM events WHERE status = 'received' AND seq > ? ORDER BY seq LIMIT ?`),
      mark: db.prepare(`UPDATE events SET status = ?, reason = ? WHERE seq = ?`),
      get: db.prepare(`SELECT * FROM events WHERE seq = ?`),
      recent: db.prepare(
        `SELECT * FROM events WHERE (? IS NULL OR endpoint_id = ?) AND seq < ? ORDER BY seq DESC LIMIT ?`,
      ),
      lastReceived: db.prepare(`SELECT MAX(received_at) AS t FROM events WHERE endpoint_id = ? AND source != 'test'`),
      sameVersion: db.prepare(
        `SELECT 1 FROM events WHERE endpoint_id = ? AND entity_key = ? AND entity_version = ? AND source = 'catch_up' LIMIT 1`,
      ),
      versions: db.prepare(`SELECT entity_version FROM events WHERE endpoint_id = ? AND entity_key = ?`),
    };
  }

  /**
   * Insert accepted events in one transaction (one fsync for a burst of concurrent requests).
   * Returns, per event, its seq; 'duplicate' when the (endpoint, event id) pair, or the signed body of
   * a scheme that does not sign its id, was already seen (the earlier row's duplicate count goes up);
   * 'same_version' when a catch-up already brought in this entity at this exact version.
   */
  insertMany(events: NewEvent[]): InsertResult[] {
    return this.db.transaction(() =>
      events.map((e): InsertResult => {
        if (
          e.source === 'webhook' &&
          e.entityKey !== null &&
          e.entityVersion !== null &&
          this.stmts.sameVersion.get(e.endpointId, e.entityKey, e.entityVersion)
        ) {
          return 'same_version';
        }
        if (e.bodySha256) {
          const earlier = this.stmts.sameBody.get(e.endpointId, e.bodySha256) as { seq: number } | undefined;
          if (earlier) {
            this.stmts.countDuplicateSeq.run(e.receivedAt, earlier.seq);
            return 'duplicate';
          }
        }
        const r = this.stmts.insert.run(
          e.endpointId,
          e.eventId,
          e.source,
          e.receivedAt,
          e.entityKey,
          e.entityVersion,
          e.body,
          e.bodySha256 ?? null,
        );
        if (r.changes === 1) return Number(r.lastInsertRowid);
        this.stmts.countDuplicate.run(e.receivedAt, e.endpointId, e.eventId);
        return 'duplicate';
      }),
    )();
  }

  nextReceived(afterSeq: number, limit: number): EventRow[] {
    return this.stmts.nextReceived.all(afterSeq, limit) as EventRow[];
  }

  mark(seq: number, status: EventStatus, reason: string | null = null): void {
    this.stmts.mark.run(status, reason, seq);
  }

  get(seq: number): EventRow | undefined {
    return this.stmts.get.get(seq) as EventRow | undefined;
  }

  recent(limit = 100, endpointId?: string, beforeSeq = Number.MAX_SAFE_INTEGER): EventRow[] {
    return this.stmts.recent.all(endpointId ?? null, endpointId ?? null, beforeSeq, limit) as EventRow[];
  }

  lastReceivedAt(endpointId: string): number | null {
    return (this.stmts.lastReceived.get(endpointId) as { t: number | null }).t;
  }

  /** Catch-up dedup: an event for this entity at this version (or a newer one) is already in. */
  hasEntityVersion(endpointId: string, entityKey: string, version: string | null): boolean {
    const rows = this.stmts.versions.all(endpointId, entityKey) as { entity_version: string | null }[];
    if (version === null) return rows.length > 0;
    return rows.some((r) => r.entity_version !== null && versionAtLeast(r.entity_version, version));
  }
}
