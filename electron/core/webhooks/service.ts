import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import { AppError, parseOrThrow } from '../../../shared/errors';
import {
  ListenerSettings,
  OutboxQuery,
  type Delivery,
  type DeliveryAttempt,
  type ListenerSettingsInput,
  type OutboxQueryInput,
  type OutboxState,
  type ReceivedEvent,
  type WebhookEndpoint,
  type WebhookEndpointInput,
  type WebhookTarget,
  type WebhookTargetInput,
} from '../../../shared/models/webhooks';
import type { KeyValueStore } from '../settings/store';
import { catchUp, type CatchUpResult, type CatchUpSource } from './catch-up';
import { WebhookConfigRepository } from './config-repo';
import { describeRejection, describeRejections, RejectionTally } from './rejection-tally';
import { openWebhookDatabase, type WebhookDatabase } from './db';
import { DeliveryWorker } from './delivery-worker';
import { EventStore, toReceivedEvent, type InsertResult, type NewEvent } from './event-store';
import type { FlowHandler } from './flow';
import { FlowRunner } from './flow-runner';
import { GroupCommit } from './group-commit';
import { WebhookListener, type Rejection } from './listener';
import { OutboxStore, toDelivery, type NewDelivery } from './outbox-store';
import { realTimers, type Timers } from '../schedule/timers';
import { schemeFor } from './schemes';
import { CachedSecrets, type WebhookSecrets } from './secrets';
import { webhookTransport, type Transport } from './transport';
import { errorMessage } from '../../../shared/error-message';

export interface WebhookLog {
  event(
    level: 'debug' | 'info' | 'warn' | 'error',
    kind: string,
    message: string,
    details?: Record<string, unknown>,
  ): void;
}

export interface WebhookServiceOptions {
  /** Folder for webhooks.db (or a path ending in .db). */
  dataDir: string;
  settings: KeyValueStore;
  secrets: WebhookSecrets;
  log?: WebhookLog;
  /** Each rejected request, as it happens (tests, metrics); the log gets them in aggregate (rejection-tally). */
  onRejected?(rejection: Rejection): void;
  /** Where refused requests are logged, per minute (default: `log`). */
  rejectionLog?: WebhookLog;
  scheduler?: Timers;
  /** Delays between delivery attempts (default ≈ one day over ten attempts). */
  schedule?: readonly number[];
  jitter?: number;
  random?: () => number;
  concurrency?: number;
  /** Overrides of the saved listener settings (tests: port 0); a function is read at each start (the app's preferences). */
  listener?: ListenerSettingsInput | (() => ListenerSettingsInput);
  /**
   * Saves the port a start picked when the saved choice was 0 ("not chosen yet"), so the URLs a user
   * pastes into a sender keep working after a restart. Not called for a one-off port (the CLI's --port).
   */
  keepPort?(port: number): void;
  secretCacheMs?: number;
}

/** Why the listener is not running after a start that failed; the Webhooks page shows it with a way out. */
export interface ListenerProblem {
  code: 'port_in_use' | 'io_error';
  message: string;
  port: number;
}

export interface ServiceEvents {
  /** An event was stored (webhook, catch-up or test) or settled by its flow. */
  event: [{ seq: number; endpointId: string; status: ReceivedEvent['status']; reason?: string | null }];
  rejected: [Rejection];
  /** A delivery changed state (enqueued, attempted, edited, replayed). */
  delivery: [{ id: string; state: OutboxState }];
  listener: [{ running: boolean; url: string | null }];
}

export type EndpointView = WebhookEndpoint & { hasSecret: boolean; url: string | null };
export type TargetView = WebhookTarget & { hasSecret: boolean };

/**
 * A failed bind as a typed error. A busy port is never swapped for another behind the user's back:
 * the URLs pasted into senders name it, so the user decides (free the port, or pick a new one).
 */
function listenError(err: unknown, port: number): AppError {
  const code = (err as { code?: string }).code;
  if (code === 'EADDRINUSE')
    return new AppError(
      'port_in_use',
      `The webhook listener could not start: port ${port} is in use by another program. Stop that program, or pick another port in the listener settings (the URLs pasted into senders then change).`,
      { port, code },
    );
  return new AppError('io_error', `The webhook listener could not start on port ${port}: ${errorMessage(err)}.`, {
    port,
    code,
  });
}

/**
 * Webhooks in and out: the facade the IPC handlers, the CLI and the Webhooks page use.
 * Accepted events are stored before the 2xx, run their flow into the outbox, and the outbox
 * delivers with retries, per-key order, dead letters and replay.
 */
export class WebhookService extends EventEmitter<ServiceEvents> {
  readonly db: WebhookDatabase;
  readonly events: EventStore;
  readonly outboxStore: OutboxStore;
  readonly config: WebhookConfigRepository;
  readonly worker: DeliveryWorker;
  readonly flows: FlowRunner;
  private readonly secrets: WebhookSecrets;
  private readonly scheduler: Timers;
  private readonly flowHandlers = new Map<string, FlowHandler>();
  private readonly transports = new Map<string, Transport>();
  private readonly catchUpSources = new Map<string, CatchUpSource>();
  private readonly kinds = {
    flow: new Map<string, (arg: string) => FlowHandler>(),
    target: new Map<string, (arg: string) => Transport>(),
    catchUp: new Map<string, (arg: string) => CatchUpSource>(),
  };
  private readonly commit: GroupCommit<NewEvent, InsertResult>;
  private endpointsByPath = new Map<string, WebhookEndpoint>();
  private endpointsById = new Map<string, WebhookEndpoint>();
  private targetsById = new Map<string, WebhookTarget>();
  private listener: WebhookListener | null = null;
  private problem: ListenerProblem | null = null;
  private closed = false;
  private readonly rejections: RejectionTally;

  constructor(private readonly opts: WebhookServiceOptions) {
    super();
    this.scheduler = opts.scheduler ?? realTimers;
    const rejectionLog = opts.rejectionLog ?? opts.log;
    this.rejections = new RejectionTally(this.scheduler, {
      first: (r) => rejectionLog?.event('warn', 'webhook_rejected', describeRejection(r), { ...r }),
      rest: (s) => rejectionLog?.event('warn', 'webhook_rejected', describeRejections(s), { ...s }),
    });
    this.db = openWebhookDatabase(opts.dataDir);
    this.events = new EventStore(this.db);
    this.outboxStore = new OutboxStore(this.db);
    this.config = new WebhookConfigRepository(opts.settings, (m) =>
      opts.log?.event('warn', 'webhook_config_invalid', m),
    );
    this.secrets = new CachedSecrets(opts.secrets, opts.secretCacheMs ?? 60_000);
    this.commit = new GroupCommit((items) => this.events.insertMany(items));
    this.refreshConfig();
    this.worker = new DeliveryWorker({
      store: this.outboxStore,
      scheduler: this.scheduler,
      schedule: opts.schedule,
      jitter: opts.jitter,
      random: opts.random,
      concurrency: opts.concurrency,
      transportFor: (id) => this.transportFor(id),
      onChange: (id) => {
        const row = this.outboxStore.get(id);
        if (row) this.emit('delivery', { id, state: row.state });
        if (row?.state === 'needs_attention')
          opts.log?.event(
            'warn',
            'webhook_delivery_parked',
            `Delivery ${id} to ${row.target_id} needs attention: ${row.last_error ?? ''}`,
            { id, targetId: row.target_id },
          );
      },
      onGone: (targetId, error) => {
        this.config.disableTarget(targetId, error);
        this.refreshConfig();
        opts.log?.event('warn', 'webhook_target_disabled', `Target ${targetId} answered 410 Gone and was disabled.`, {
          targetId,
        });
      },
    });
    this.flows = new FlowRunner({
      db: this.db,
      events: this.events,
      outbox: this.outboxStore,
      now: () => this.scheduler.now(),
      flowFor: (endpointId) => {
        const flowId = this.endpointsById.get(endpointId)?.flowId;
        if (!flowId) return undefined;
        return this.flowHandlers.get(flowId) ?? this.fromKind(flowId, this.kinds.flow, this.flowHandlers) ?? null;
      },
      onEnqueued: () => this.worker.kick(),
      onSettled: (seq, status, reason) => {
        const row = this.events.get(seq);
        if (row) this.emit('event', { seq, endpointId: row.endpoint_id, status, reason });
        if (status === 'parked')
          opts.log?.event('warn', 'webhook_event_parked', `Event ${seq} was parked: ${reason ?? ''}`, { seq });
      },
    });
  }

  // ---- wiring -------------------------------------------------------------------------------

  registerFlow(id: string, handler: FlowHandler): void {
    this.flowHandlers.set(id, handler);
    this.flows.kick();
  }

  /** A call target (e.g. WMS CreateShipment through ConnectorClient) deliveries can name. */
  registerTarget(id: string, transport: Transport): void {
    this.transports.set(id, transport);
    this.worker.kick();
  }

  registerCatchUp(id: string, source: CatchUpSource): void {
    this.catchUpSources.set(id, source);
  }

  /**
   * A family of flows, targets or catch-up sources named `<kind>:<arg>` (e.g. `mapping:<mappingId>`),
   * built on first use. Endpoints and outbox rows name them in settings and SQLite, so they must
   * resolve after a restart without anyone registering each id again.
   */
  registerKind(what: 'flow', kind: string, make: (arg: string) => FlowHandler): void;
  registerKind(what: 'target', kind: string, make: (arg: string) => Transport): void;
  registerKind(what: 'catchUp', kind: string, make: (arg: string) => CatchUpSource): void;
  registerKind(
    what: 'flow' | 'target' | 'catchUp',
    kind: string,
    make: (arg: string) => FlowHandler | Transport | CatchUpSource,
  ): void {
    (this.kinds[what] as Map<string, typeof make>).set(kind, make);
    if (what === 'flow') this.flows.kick();
    if (what === 'target') this.worker.kick();
  }

  private fromKind<T>(id: string, kinds: Map<string, (arg: string) => T>, cache: Map<string, T>): T | undefined {
    const colon = id.indexOf(':');
    const make = colon > 0 ? kinds.get(id.slice(0, colon)) : undefined;
    if (!make) return undefined;
    const made = make(id.slice(colon + 1));
    cache.set(id, made);
    return made;
  }

  /** Starts processing (flows + outbox) and, unless told otherwise, the listener. */
  async start(opts: { listen?: boolean; listener?: ListenerSettingsInput } = {}): Promise<void> {
    this.flows.start();
    this.worker.start();
    if (opts.listen ?? true) await this.startListener(opts.listener);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.stopListener();
    this.rejections.close();
    await this.flows.stop();
    await this.worker.stop();
    this.db.close();
  }

  // ---- listener -----------------------------------------------------------------------------

  /** `once`: settings for this start only (the CLI's --port). */
  async startListener(once?: ListenerSettingsInput): Promise<{ url: string; port: number; host: string }> {
    if (this.listener?.running) return this.listener.address()!;
    const overrides = typeof this.opts.listener === 'function' ? this.opts.listener() : this.opts.listener;
    const settings = parseOrThrow(
      ListenerSettings,
      { ...this.config.listener(), ...overrides, ...once },
      'listener settings',
    );
    const listener = new WebhookListener({
      settings,
      endpointFor: (path) => this.endpointsByPath.get(path),
      getSecret: (id) => this.secrets.get(id),
      persist: (event) => this.commit.submit(event),
      now: () => this.scheduler.now(),
      onAccepted: (seq, event) => {
        this.emit('event', { seq, endpointId: event.endpointId, status: 'received' });
        this.flows.kick();
      },
      onRejected: (r) => {
        this.emit('rejected', r);
        this.opts.onRejected?.(r);
        this.rejections.add(r);
      },
    });
    try {
      const address = await listener.start();
      this.listener = listener;
      this.problem = null;
      if (settings.port === 0 && once?.port === undefined) this.opts.keepPort?.(address.port);
      this.emit('listener', { running: true, url: address.url });
      return address;
    } catch (err) {
      const error = listenError(err, settings.port);
      this.problem = { code: error.code as ListenerProblem['code'], message: error.message, port: settings.port };
      this.emit('listener', { running: false, url: null });
      throw error;
    }
  }

  /** The last start's failure while the listener is stopped (cleared by a start that succeeds). */
  listenerProblem(): ListenerProblem | null {
    return this.listener?.running ? null : this.problem;
  }

  async stopListener(): Promise<void> {
    const l = this.listener;
    this.listener = null;
    if (l) {
      await l.stop();
      this.emit('listener', { running: false, url: null });
    }
  }

  listenerAddress(): { url: string; port: number; host: string } | null {
    return this.listener?.address() ?? null;
  }

  saveListenerSettings(input: ListenerSettingsInput) {
    return this.config.saveListener(input);
  }

  // ---- endpoints and targets ----------------------------------------------------------------

  /** Re-read endpoints and targets from the settings (also after a rolled-back workspace apply). */
  refreshConfig(): void {
    const endpoints = this.config.endpoints();
    this.endpointsByPath = new Map(endpoints.map((e) => [e.path, e]));
    this.endpointsById = new Map(endpoints.map((e) => [e.id, e]));
    this.targetsById = new Map(this.config.targets().map((t) => [t.id, t]));
  }

  private async hasSecret(id: string): Promise<boolean> {
    return (await this.secrets.get(id).catch(() => null)) !== null;
  }

  /** One endpoint's saved settings (health names a flow after its endpoint). */
  endpoint(id: string): WebhookEndpoint | undefined {
    return this.endpointsById.get(id);
  }

  async listEndpoints(): Promise<EndpointView[]> {
    const base = this.listener?.address()?.url ?? null;
    return Promise.all(
      [...this.endpointsById.values()].map(async (e) => ({
        ...e,
        hasSecret: await this.hasSecret(e.id),
        url: base ? base + e.path : null,
      })),
    );
  }

  saveEndpoint(input: WebhookEndpointInput): WebhookEndpoint {
    const saved = this.config.saveEndpoint(input);
    this.refreshConfig();
    this.flows.kick();
    return saved;
  }

  async removeEndpoint(id: string): Promise<boolean> {
    const removed = this.config.removeEndpoint(id);
    this.refreshConfig();
    await this.secrets.delete(id).catch(() => false);
    return removed;
  }

  /** Sets or replaces the signing secret of an endpoint or target (keychain only). */
  async setSecret(id: string, value: string): Promise<void> {
    if (!this.endpointsById.has(id) && !this.targetsById.has(id))
      throw new AppError('not_found', `No webhook endpoint or target "${id}".`, { id });
    if (!value.trim())
      throw new AppError('invalid_input', 'The secret is empty; paste the signing secret shown by the sending tool.');
    await this.secrets.set(id, value);
  }

  async listTargets(): Promise<TargetView[]> {
    return Promise.all(
      [...this.targetsById.values()].map(async (t) => ({ ...t, hasSecret: await this.hasSecret(t.id) })),
    );
  }

  saveTarget(input: WebhookTargetInput): WebhookTarget {
    const saved = this.config.saveTarget(input);
    this.refreshConfig();
    this.worker.kick();
    return saved;
  }

  async removeTarget(id: string): Promise<boolean> {
    const removed = this.config.removeTarget(id);
    this.refreshConfig();
    await this.secrets.delete(id).catch(() => false);
    return removed;
  }

  private transportFor(id: string): Transport | { disabled: string } | undefined {
    const registered = this.transports.get(id) ?? this.fromKind(id, this.kinds.target, this.transports);
    if (registered) return registered;
    const target = this.targetsById.get(id);
    if (!target) return undefined;
    if (target.disabled)
      return {
        disabled: `target ${id} is disabled${target.disabledReason ? ` (${target.disabledReason})` : ''}; re-enable it, then replay`,
      };
    return webhookTransport({
      url: target.url,
      getSecret: () => this.secrets.get(id),
      now: () => this.scheduler.now(),
    });
  }

  /** Signs a sample event with the endpoint's own secret and scheme and posts it to the running listener. */
  async sendTestEvent(endpointId: string, body?: unknown): Promise<{ status: number; body: unknown }> {
    const endpoint = this.endpointsById.get(endpointId);
    if (!endpoint) throw new AppError('not_found', `No webhook endpoint "${endpointId}".`, { endpointId });
    const address = this.listener?.address();
    if (!address) throw new AppError('unsupported', 'The webhook listener is not running; start it first.');
    const secret = await this.secrets.get(endpointId);
    if (!secret)
      throw new AppError('secret_missing', `Endpoint "${endpoint.name}" has no secret yet; set it first.`, {
        endpointId,
      });
    const eventId = `test_${randomUUID()}`;
    const raw = JSON.stringify(
      body ?? { id: eventId, type: 'patchbay.test', created_at: new Date(this.scheduler.now()).toISOString() },
    );
    const headers = {
      'content-type': 'application/json',
      'x-patchbay-test': '1',
      ...schemeFor(endpoint.scheme).sign({ rawBody: raw, secret, eventId, nowMs: this.scheduler.now() }),
    };
    const res = await fetch(address.url + endpoint.path, { method: 'POST', headers, body: raw });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // keep the text
    }
    return { status: res.status, body: parsed };
  }

  // ---- feed, outbox, replay -----------------------------------------------------------------

  recentEvents(opts: { limit?: number; endpointId?: string; beforeSeq?: number } = {}): ReceivedEvent[] {
    return this.events.recent(opts.limit ?? 100, opts.endpointId, opts.beforeSeq).map(toReceivedEvent);
  }

  /** Queue outbound deliveries (event-driven calls from other features go through here too). */
  enqueue(items: NewDelivery[]): Delivery[] {
    const out = this.db.transaction(() => this.outboxStore.enqueue(items, this.scheduler.now()))();
    for (const d of out) this.emit('delivery', { id: d.id, state: d.state });
    this.worker.kick();
    return out;
  }

  outbox(filter: OutboxQueryInput = {}): Delivery[] {
    return this.outboxStore.list(parseOrThrow(OutboxQuery, filter, 'outbox filter'));
  }

  delivery(id: string): Delivery {
    return toDelivery(this.outboxStore.require(id));
  }

  outboxCounts(): Record<OutboxState, number> {
    return this.outboxStore.counts();
  }

  attempts(id: string): DeliveryAttempt[] {
    return this.outboxStore.attempts(id);
  }

  editPayload(id: string, payload: unknown): Delivery {
    const d = this.outboxStore.editPayload(id, payload, this.scheduler.now());
    this.emit('delivery', { id, state: d.state });
    return d;
  }

  /** Replays deliveries (one or many) with their original idempotency ids; re-enables their disabled webhook targets. */
  replay(ids: string[]): Delivery[] {
    if (ids.length === 0) return [];
    for (const id of ids) {
      const target = this.targetsById.get(this.outboxStore.require(id).target_id);
      if (target?.disabled) this.config.saveTarget({ ...target, disabled: false, disabledReason: undefined });
    }
    this.refreshConfig();
    const out = this.outboxStore.replay(ids, this.scheduler.now());
    for (const d of out) this.emit('delivery', { id: d.id, state: d.state });
    this.worker.kick();
    return out;
  }

  async catchUp(endpointId: string, signal?: AbortSignal): Promise<CatchUpResult> {
    const endpoint = this.endpointsById.get(endpointId);
    if (!endpoint) throw new AppError('not_found', `No webhook endpoint "${endpointId}".`, { endpointId });
    const source = endpoint.catchUpId
      ? (this.catchUpSources.get(endpoint.catchUpId) ??
        this.fromKind(endpoint.catchUpId, this.kinds.catchUp, this.catchUpSources))
      : undefined;
    if (!source)
      throw new AppError(
        'unsupported',
        `Endpoint "${endpoint.name}" has no catch-up source: its sender cannot list what was missed.`,
        { endpointId },
      );
    const { seqs, ...result } = await catchUp({
      db: this.db,
      events: this.events,
      endpoint,
      source,
      now: this.scheduler.now(),
      signal,
    });
    for (const seq of seqs) this.emit('event', { seq, endpointId, status: 'received' });
    this.flows.kick();
    return result;
  }

  /** Tests and the CLI: wait until received events ran their flows and nothing is due in the outbox. */
  async drain(): Promise<void> {
    await this.flows.drain();
    await this.worker.drain();
  }
}
