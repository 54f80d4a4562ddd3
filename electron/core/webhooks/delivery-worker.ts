import { performance } from 'node:perf_hooks';
import { DEFAULT_SCHEDULE_MS, nextDelay } from './backoff';
import type { DeliveryRow, OutboxStore } from './outbox-store';
import type { Timers } from '../schedule/timers';
import type { DeliveryOutcome, Transport } from './transport';
import { errorMessage } from '../../../shared/error-message';

export type TransportLookup = (targetId: string) => Transport | { disabled: string } | undefined;

export interface DeliveryWorkerOptions {
  store: OutboxStore;
  transportFor: TransportLookup;
  scheduler: Timers;
  /** Delays between attempts; attempts = schedule.length + 1. */
  schedule?: readonly number[];
  jitter?: number;
  random?: () => number;
  /** Deliveries in flight at once (different ordering keys only). */
  concurrency?: number;
  /** Wake up at least this often even with nothing due (guards against wall-clock jumps). */
  maxSleepMs?: number;
  onChange?(id: string): void;
  /** The target answered 410 Gone: the owner should disable it. */
  onGone?(targetId: string, error: string): void;
}

/**
 * Drives the outbox: starts due deliveries (never two with the same ordering key, never one
 * before an earlier unfinished one with its key), records every attempt, schedules the next
 * from the retry schedule or Retry-After, and parks the delivery after the last attempt.
 * Delivery is at-least-once: an attempt cut by a crash is made again, with the same idempotency id.
 */
export class DeliveryWorker {
  private readonly inflight = new Map<string, Promise<void>>();
  private readonly aborts = new Map<string, AbortController>();
  private running = false;
  private timer: unknown = null;
  private pumpQueued = false;
  private readonly schedule: readonly number[];
  private readonly concurrency: number;

  constructor(private readonly opts: DeliveryWorkerOptions) {
    this.schedule = opts.schedule ?? DEFAULT_SCHEDULE_MS;
    this.concurrency = opts.concurrency ?? 8;
  }

  get active(): boolean {
    return this.running;
  }

  start(): void {
    this.running = true;
    this.opts.store.repairHeads(this.opts.scheduler.now());
    this.kick();
  }

  /** Stops starting attempts and aborts the ones on the wire; they stay pending and run again on the next start. */
  async stop(): Promise<void> {
    this.running = false;
    this.disarm();
    for (const a of this.aborts.values()) a.abort();
    await Promise.allSettled([...this.inflight.values()]);
  }

  /** Something changed (new rows, a replay): look for due work soon. */
  kick(): void {
    if (this.pumpQueued || !this.running) return;
    this.pumpQueued = true;
    // setImmediate, not a microtask: attempts finishing in the same loop turn share one pump (one due query).
    setImmediate(() => {
      this.pumpQueued = false;
      this.pump();
    });
  }

  /** Tests and the CLI: run until nothing is due at the current (possibly fake) time. */
  async drain(): Promise<void> {
    for (;;) {
      this.pump();
      if (this.inflight.size === 0) {
        if (this.opts.store.due(this.opts.scheduler.now(), 1).length === 0 || !this.running) return;
        continue;
      }
      await Promise.race(this.inflight.values());
    }
  }

  private disarm(): void {
    if (this.timer !== null) this.opts.scheduler.clearTimer(this.timer);
    this.timer = null;
  }

  private pump(): void {
    if (!this.running) return;
    this.disarm();
    const now = this.opts.scheduler.now();
    const free = this.concurrency - this.inflight.size;
    if (free > 0) {
      // Rows already in flight still show as due; ask for enough to fill the free slots past them.
      for (const row of this.opts.store.due(now, free + this.inflight.size)) {
        if (this.inflight.size >= this.concurrency) break;
        if (!this.inflight.has(row.id)) this.launch(row);
      }
    }
    const next = this.opts.store.nextDueAfter(now);
    const sleep = Math.min(next === null ? Infinity : next - now, this.opts.maxSleepMs ?? 60_000);
    this.timer = this.opts.scheduler.setTimer(
      () => {
        this.timer = null;
        this.pump();
      },
      Math.max(1, sleep),
    );
  }

  private launch(row: DeliveryRow): void {
    const abort = new AbortController();
    this.aborts.set(row.id, abort);
    const run = this.attempt(row, abort.signal)
      .catch(() => undefined) // a closed database during shutdown; the row is retried on restart
      .finally(() => {
        this.inflight.delete(row.id);
        this.aborts.delete(row.id);
        this.kick();
      });
    this.inflight.set(row.id, run);
  }

  private async attempt(row: DeliveryRow, signal: AbortSignal): Promise<void> {
    const { store, scheduler } = this.opts;
    const transport = this.opts.transportFor(row.target_id);
    if (transport && 'disabled' in transport) {
      store.park(row.id, transport.disabled, scheduler.now());
      this.opts.onChange?.(row.id);
      return;
    }
    const startedAt = scheduler.now();
    const t0 = performance.now();
    let outcome: DeliveryOutcome;
    if (!transport) outcome = { kind: 'retry', error: `no delivery target "${row.target_id}" is configured` };
    else {
      try {
        outcome = await transport({
          id: row.id,
          idempotencyId: row.idempotency_id,
          targetId: row.target_id,
          orderingKey: row.ordering_key,
          payload: JSON.parse(row.payload) as unknown,
          attempt: row.attempts + 1,
          signal,
        });
      } catch (err) {
        outcome = { kind: 'retry', error: errorMessage(err) };
      }
    }
    // Stopping mid-attempt is not the target's fault: leave the row as it was.
    if (!this.running) return;
    const now = scheduler.now();
    const record = {
      startedAt,
      durationMs: Math.round((performance.now() - t0) * 10) / 10,
      status: 'status' in outcome ? (outcome.status ?? null) : null,
      outcome: outcome.kind,
      error: 'error' in outcome ? outcome.error : null,
      retryAfterMs: outcome.kind === 'retry' ? (outcome.retryAfterMs ?? null) : null,
    };
    if (outcome.kind === 'delivered') {
      store.recordAttempt(row, record, { state: 'delivered', nextAttemptAt: null });
    } else if (outcome.kind === 'retry') {
      const delay = nextDelay(this.schedule, row.round_attempts + 1, {
        jitter: this.opts.jitter,
        random: this.opts.random,
        retryAfterMs: outcome.retryAfterMs,
      });
      if (delay === null) {
        record.error = `gave up after ${row.round_attempts + 1} attempts; last error: ${outcome.error}`;
        store.recordAttempt(row, record, { state: 'needs_attention', nextAttemptAt: null });
      } else store.recordAttempt(row, record, { state: 'retrying', nextAttemptAt: now + delay });
    } else {
      store.recordAttempt(row, record, { state: 'needs_attention', nextAttemptAt: null });
      if (outcome.kind === 'gone') {
        this.opts.onGone?.(row.target_id, outcome.error);
        store.parkTarget(row.target_id, `target ${row.target_id} was disabled after HTTP 410 Gone`, now);
      }
    }
    this.opts.onChange?.(row.id);
  }
}
