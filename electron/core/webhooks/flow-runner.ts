import type { WebhookDatabase } from './db';
import type { EventRow, EventStore } from './event-store';
import type { FlowEvent, FlowHandler, FlowResult } from './flow';
import type { OutboxStore } from './outbox-store';
import { errorMessage } from '../../../shared/error-message';

export interface FlowRunnerOptions {
  db: WebhookDatabase;
  events: EventStore;
  outbox: OutboxStore;
  /** undefined: the endpoint has no flow (the event is only stored); null: its flow is not registered yet (wait). */
  flowFor(endpointId: string): FlowHandler | null | undefined;
  now(): number;
  batchSize?: number;
  onEnqueued?(count: number): void;
  onSettled?(seq: number, status: 'processed' | 'parked' | 'skipped', reason: string | null): void;
}

function toFlowEvent(row: EventRow): FlowEvent {
  return {
    seq: row.seq,
    endpointId: row.endpoint_id,
    eventId: row.event_id,
    source: row.source,
    receivedAt: row.received_at,
    entityKey: row.entity_key,
    entityVersion: row.entity_version,
    body: JSON.parse(row.body) as unknown,
  };
}

/**
 * Turns received events into outbox rows, in receipt order (so per-key order carries over).
 * Each batch's results commit in one transaction with the events' new status: after a crash an
 * event is either still "received" (and runs again) or done with its deliveries enqueued.
 */
export class FlowRunner {
  private running = false;
  private busy: Promise<void> | null = null;
  private again = false;

  constructor(private readonly opts: FlowRunnerOptions) {}

  start(): void {
    this.running = true;
    this.kick();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.busy;
  }

  kick(): void {
    if (!this.running) return;
    if (this.busy) {
      this.again = true;
      return;
    }
    this.busy = this.loop().finally(() => {
      this.busy = null;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }

  /** Resolves once every received event that can run has run. */
  async drain(): Promise<void> {
    while (this.busy) await this.busy;
  }

  private async loop(): Promise<void> {
    let after = 0;
    while (this.running) {
      const rows = this.opts.events.nextReceived(after, this.opts.batchSize ?? 200);
      if (rows.length === 0) return;
      after = rows[rows.length - 1]!.seq;
      const results: { row: EventRow; result: FlowResult | null }[] = [];
      for (const row of rows) {
        const flow = this.opts.flowFor(row.endpoint_id);
        if (flow === null) continue; // flow not registered yet: stays "received"
        let result: FlowResult | null;
        try {
          result = flow ? await flow.handle(toFlowEvent(row)) : null;
        } catch (err) {
          result = { kind: 'park', reason: `flow failed: ${errorMessage(err)}` };
        }
        results.push({ row, result });
      }
      if (!this.running) return;
      let enqueued = 0;
      this.opts.db.transaction(() => {
        const now = this.opts.now();
        for (const { row, result } of results) {
          if (!result) this.opts.events.mark(row.seq, 'processed', 'no flow configured for this endpoint');
          else if (result.kind === 'deliver') {
            enqueued += this.opts.outbox.enqueue(
              result.deliveries.map((d) => ({ ...d, sourceEventSeq: row.seq })),
              now,
            ).length;
            this.opts.events.mark(row.seq, 'processed');
          } else this.opts.events.mark(row.seq, result.kind === 'park' ? 'parked' : 'skipped', result.reason);
        }
      })();
      for (const { row, result } of results) {
        const status =
          !result || result.kind === 'deliver' ? 'processed' : result.kind === 'park' ? 'parked' : 'skipped';
        this.opts.onSettled?.(row.seq, status, result && result.kind !== 'deliver' ? result.reason : null);
      }
      if (enqueued) this.opts.onEnqueued?.(enqueued);
    }
  }
}
