import { createHash, randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import type { Delivery, DeliveryAttempt, OutboxQuery, OutboxState } from '../../../shared/models/webhooks';
import type { WebhookDatabase } from './db';

export interface NewDelivery {
  targetId: string;
  payload: unknown;
  /** Deliveries sharing a key go out strictly in enqueue order (e.g. `order:1042`). */
  orderingKey?: string | null;
  /** Defaults to a value derived from the source event (stable across re-processing) or a fresh one. */
  idempotencyId?: string;
  sourceEventSeq?: number | null;
}

export interface DeliveryRow {
  seq: number;
  id: string;
  idempotency_id: string;
  target_id: string;
  ordering_key: string | null;
  state: OutboxState;
  payload: string;
  attempts: number;
  round_attempts: number;
  next_attempt_at: number | null;
  created_at: number;
  updated_at: number;
  delivered_at: number | null;
  last_error: string | null;
  source_event_seq: number | null;
}

export interface AttemptRecord {
  startedAt: number;
  durationMs: number;
  status: number | null;
  outcome: DeliveryAttempt['outcome'];
  error: string | null;
  retryAfterMs: number | null;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function toDelivery(r: DeliveryRow): Delivery {
  return {
    id: r.id,
    idempotencyId: r.idempotency_id,
    targetId: r.target_id,
    orderingKey: r.ordering_key,
    state: r.state,
    payload: JSON.parse(r.payload) as unknown,
    attempts: r.attempts,
    nextAttemptAt: iso(r.next_attempt_at),
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
    deliveredAt: iso(r.delivered_at),
    lastError: r.last_error,
    sourceEventSeq: r.source_event_seq,
  };
}

const ACTIVE = `('pending', 'retrying')`;

/** The durable outbox: every outbound call is a row here before it is attempted. */
export class OutboxStore {
  private readonly s;

  constructor(readonly db: WebhookDatabase) {
    this.s = {
      insert: db.prepare(
        `INSERT OR IGNORE INTO outbox (id, idempotency_id, target_id, ordering_key, state, payload, next_attempt_at, created_at, updated_at, source_event_seq)
         VALUES (?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?)`,
      ),
      keyBusy: db.prepare(`SELECT 1 FROM outbox WHERE ordering_key = ? AND state IN ${ACTIVE} LIMIT 1`),
      // The key's next delivery becomes due once the one ahead of it is delivered or parked.
      unblock: db.prepare(
        `UPDATE outbox SET next_attempt_at = ? WHERE next_attempt_at IS NULL AND seq = (
           SELECT MIN(seq) FROM outbox WHERE ordering_key = ? AND state IN ${ACTIVE})`,
      ),
      repair: db.prepare(
        `UPDATE outbox SET next_attempt_at = ? WHERE next_attempt_at IS NULL AND state IN ${ACTIVE} AND NOT EXISTS (
           SELECT 1 FROM outbox p WHERE p.ordering_key = outbox.ordering_key AND p.state IN ${ACTIVE} AND p.seq < outbox.seq)`,
      ),
      // Due and not blocked by an earlier unfinished delivery with the same key (per-key order).
      due: db.prepare(
        // INDEXED BY: the planner otherwise picks outbox_state and sorts every active row per call.
        `SELECT o.* FROM outbox o INDEXED BY outbox_due
         WHERE o.state IN ${ACTIVE} AND o.next_attempt_at <= ?
           AND (o.ordering_key IS NULL OR NOT EXISTS (
             SELECT 1 FROM outbox p WHERE p.ordering_key = o.ordering_key AND p.state IN ${ACTIVE} AND p.seq < o.seq))
         ORDER BY o.next_attempt_at, o.seq LIMIT ?`,
      ),
      nextDueAfter: db.prepare(
        `SELECT MIN(next_attempt_at) AS t FROM outbox INDEXED BY outbox_due WHERE state IN ${ACTIVE} AND next_attempt_at > ?`,
      ),
      get: db.prepare(`SELECT * FROM outbox WHERE id = ?`),
      attempt: db.prepare(
        `INSERT INTO attempts (delivery_id, n, started_at, duration_ms, status, outcome, error, retry_after_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      update: db.prepare(
        `UPDATE outbox SET state = ?, attempts = attempts + 1, round_attempts = round_attempts + 1, next_attempt_at = ?,
           updated_at = ?, delivered_at = ?, last_error = ? WHERE id = ?`,
      ),
      park: db.prepare(
        `UPDATE outbox SET state = 'needs_attention', next_attempt_at = NULL, updated_at = ?, last_error = ? WHERE id = ?`,
      ),
      parkTarget: db.prepare(
        `UPDATE outbox SET state = 'needs_attention', next_attempt_at = NULL, updated_at = ?, last_error = ? WHERE target_id = ? AND state IN ${ACTIVE}`,
      ),
      attempts: db.prepare(`SELECT * FROM attempts WHERE delivery_id = ? ORDER BY n`),
      edit: db.prepare(`UPDATE outbox SET payload = ?, updated_at = ? WHERE id = ?`),
      replay: db.prepare(
        `UPDATE outbox SET state = 'pending', round_attempts = 0, next_attempt_at = ?, updated_at = ?, last_error = NULL, delivered_at = NULL WHERE id = ?`,
      ),
      counts: db.prepare(`SELECT state, COUNT(*) AS n FROM outbox GROUP BY state`),
    };
  }

  /** Insert deliveries (callers wrap this in their own transaction to pair it with the source event). */
  enqueue(items: NewDelivery[], now: number): Delivery[] {
    const out: Delivery[] = [];
    items.forEach((item, i) => {
      const id =
        item.sourceEventSeq != null ? stableId(`${item.sourceEventSeq}:${item.targetId}:${i}`) : `dl_${randomUUID()}`;
      const idem = item.idempotencyId ?? (item.sourceEventSeq != null ? `msg_${id.slice(3)}` : `msg_${randomUUID()}`);
      const key = item.orderingKey ?? null;
      // Behind an unfinished delivery with the same key: wait (NULL = not due) so the due scan never wades through it.
      const blocked = key !== null && this.s.keyBusy.get(key) !== undefined;
      this.s.insert.run(
        id,
        idem,
        item.targetId,
        key,
        JSON.stringify(item.payload ?? null),
        blocked ? null : now,
        now,
        now,
        item.sourceEventSeq ?? null,
      );
      out.push(toDelivery(this.s.get.get(id) as DeliveryRow));
    });
    return out;
  }

  due(now: number, limit: number): DeliveryRow[] {
    return this.s.due.all(now, limit) as DeliveryRow[];
  }

  /** Earliest future attempt time (rows due now are started, or wait for a running one to finish). */
  nextDueAfter(now: number): number | null {
    return (this.s.nextDueAfter.get(now) as { t: number | null }).t;
  }

  get(id: string): DeliveryRow | undefined {
    return this.s.get.get(id) as DeliveryRow | undefined;
  }

  require(id: string): DeliveryRow {
    const row = this.get(id);
    if (!row)
      throw new AppError(
        'not_found',
        `No outbox delivery "${id}". List deliveries with \`patchbay webhooks outbox\`.`,
        { id },
      );
    return row;
  }

  /**
   * Record one attempt and the delivery's new state atomically. Committed with synchronous=NORMAL:
   * it survives a process kill (the WAL is written), and what a power cut could lose is only the
   * record of an attempt — the delivery is then re-sent with the same idempotency id, which
   * at-least-once delivery allows. Event and enqueue commits stay FULL (and fsync these too).
   */
  recordAttempt(row: DeliveryRow, a: AttemptRecord, next: { state: OutboxState; nextAttemptAt: number | null }): void {
    this.db.pragma('synchronous = NORMAL');
    try {
      this.writeAttempt(row, a, next);
    } finally {
      this.db.pragma('synchronous = FULL');
    }
  }

  private writeAttempt(
    row: DeliveryRow,
    a: AttemptRecord,
    next: { state: OutboxState; nextAttemptAt: number | null },
  ): void {
    this.db.transaction(() => {
      this.s.attempt.run(
        row.id,
        row.attempts + 1,
        a.startedAt,
        a.durationMs,
        a.status,
        a.outcome,
        a.error,
        a.retryAfterMs,
      );
      const deliveredAt = next.state === 'delivered' ? a.startedAt + Math.round(a.durationMs) : null;
      this.s.update.run(
        next.state,
        next.nextAttemptAt,
        a.startedAt,
        deliveredAt,
        next.state === 'delivered' ? null : a.error,
        row.id,
      );
      if (next.state === 'delivered' || next.state === 'needs_attention') this.unblock(row.ordering_key, a.startedAt);
    })();
  }

  private unblock(key: string | null, now: number): void {
    if (key !== null) this.s.unblock.run(now, key);
  }

  /** Makes every key's first unfinished delivery due (after a crash between finish and unblock, or a replay). */
  repairHeads(now: number): number {
    return this.s.repair.run(now).changes;
  }

  park(id: string, reason: string, now: number): void {
    this.db.transaction(() => {
      this.s.park.run(now, reason, id);
      this.unblock(this.get(id)?.ordering_key ?? null, now);
    })();
  }

  parkTarget(targetId: string, reason: string, now: number): number {
    return this.db.transaction(() => {
      const n = this.s.parkTarget.run(now, reason, targetId).changes;
      this.repairHeads(now);
      return n;
    })();
  }

  list(q: OutboxQuery): Delivery[] {
    const where: string[] = [];
    const args: unknown[] = [];
    const add = (clause: string, value: unknown) => {
      where.push(clause);
      args.push(value);
    };
    if (q.state) add('state = ?', q.state);
    if (q.targetId) add('target_id = ?', q.targetId);
    if (q.before !== undefined) add('seq < ?', q.before);
    const sql = `SELECT * FROM outbox ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`;
    return (this.db.prepare(sql).all(...args, q.limit) as DeliveryRow[]).map(toDelivery);
  }

  attempts(id: string): DeliveryAttempt[] {
    this.require(id);
    return (this.s.attempts.all(id) as Record<string, unknown>[]).map((r) => ({
      deliveryId: r.delivery_id as string,
      n: r.n as number,
      startedAt: new Date(r.started_at as number).toISOString(),
      durationMs: r.duration_ms as number,
      status: r.status as number | null,
      outcome: r.outcome as DeliveryAttempt['outcome'],
      error: r.error as string | null,
      retryAfterMs: r.retry_after_ms as number | null,
    }));
  }

  /** Only parked deliveries may be edited: a pending one may be on the wire right now. */
  editPayload(id: string, payload: unknown, now: number): Delivery {
    const row = this.require(id);
    if (row.state !== 'needs_attention') {
      throw new AppError(
        'conflict',
        `Delivery ${id} is ${row.state}; only deliveries in "needs attention" can be edited.`,
        { id, state: row.state },
      );
    }
    this.s.edit.run(JSON.stringify(payload ?? null), now, id);
    return toDelivery(this.require(id));
  }

  /** Back to pending with a fresh attempt budget; the idempotency id is untouched on purpose. */
  replay(ids: string[], now: number): Delivery[] {
    return this.db.transaction(() =>
      ids.map((id) => {
        const row = this.require(id);
        if (row.state === 'pending' || row.state === 'retrying') {
          throw new AppError(
            'conflict',
            `Delivery ${id} is still ${row.state}; wait for it or for "needs attention" before replaying.`,
            { id, state: row.state },
          );
        }
        this.s.replay.run(now, now, id);
        return toDelivery(this.require(id));
      }),
    )();
  }

  counts(): Record<OutboxState, number> {
    const out: Record<OutboxState, number> = { pending: 0, retrying: 0, delivered: 0, needs_attention: 0 };
    for (const r of this.s.counts.all() as { state: OutboxState; n: number }[]) out[r.state] = r.n;
    return out;
  }
}

/** Same source event + target → same delivery id, so re-running a flow after a crash cannot enqueue twice. */
function stableId(seed: string): string {
  return `dl_${createHash('sha256').update(seed).digest('hex').slice(0, 24)}`;
}
