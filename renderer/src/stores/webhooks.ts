import { create } from 'zustand';
import type { ChannelInput, ChannelOutput, EventPayload } from '../../../shared/contract';
import type { Delivery, DeliveryAttempt, OutboxState, ReceivedEvent } from '../../../shared/models/webhooks';
import { api, errorMessage, unwrap } from '../api';

export type EndpointView = ChannelOutput<'webhooks:endpoints'>[number];
export type ListenerStatus = ChannelOutput<'webhooks:listener'>;
export type OutboxCounts = ChannelOutput<'webhooks:outbox'>['counts'];
export type EndpointDraft = ChannelInput<'webhooks:saveEndpoint'>;
export type MappingOption = ChannelOutput<'mappings:list'>[number];
export type Rejection = EventPayload<'webhooks:rejected'> & { at: string };

interface DeliveryDetail {
  delivery: Delivery;
  attempts: DeliveryAttempt[];
}

interface WebhooksState {
  loaded: boolean;
  error?: string;
  message?: string;
  endpoints: EndpointView[];
  listener: ListenerStatus | null;
  mappings: MappingOption[];
  /** Connection id → name, to say where a delivery goes. */
  connectionNames: Record<string, string>;
  events: ReceivedEvent[];
  /** Requests the listener refused since the page opened (they are in the app event log too). */
  rejections: Rejection[];
  outbox: Delivery[];
  counts: OutboxCounts;
  filter: OutboxState | null;
  /** Deliveries ticked for a bulk replay. */
  picked: string[];
  detail: DeliveryDetail | null;
  /** null: closed; {} : a new endpoint; with id: editing. */
  editing: EndpointDraft | null;
  load(): Promise<void>;
  refreshOutbox(): Promise<void>;
  refreshEvents(): Promise<void>;
  setFilter(state: OutboxState | null): Promise<void>;
  togglePick(id: string): void;
  pickAll(on: boolean): void;
  edit(draft: EndpointDraft | null): void;
  saveEndpoint(draft: EndpointDraft): Promise<boolean>;
  removeEndpoint(id: string): Promise<void>;
  setSecret(id: string, secret: string): Promise<boolean>;
  sendTest(id: string): Promise<void>;
  catchUp(id: string): Promise<void>;
  listenerAction(
    action: 'status' | 'start' | 'stop' | 'restart',
    settings?: { port?: number; allowLan?: boolean },
  ): Promise<void>;
  openDelivery(id: string | null): Promise<void>;
  editPayload(id: string, payload: unknown): Promise<boolean>;
  replay(ids: string[]): Promise<void>;
  /** Subscribes to the webhooks events; returns the unsubscribe. */
  live(): () => void;
}

const NO_COUNTS: OutboxCounts = { pending: 0, retrying: 0, delivered: 0, needs_attention: 0 };

export const useWebhooksStore = create<WebhooksState>((set, get) => {
  /** Runs a call, turning a failure into the page's error line. */
  const attempt = async <T>(work: () => Promise<T>): Promise<T | undefined> => {
    try {
      const value = await work();
      set({ error: undefined });
      return value;
    } catch (error) {
      set({ error: errorMessage(error), message: undefined });
      return undefined;
    }
  };
  const refreshEndpoints = async () => set({ endpoints: await unwrap(api.webhooks.endpoints()) });
  const refreshListener = async () => set({ listener: await unwrap(api.webhooks.listener({ action: 'status' })) });

  return {
    loaded: false,
    endpoints: [],
    listener: null,
    mappings: [],
    connectionNames: {},
    events: [],
    rejections: [],
    outbox: [],
    counts: NO_COUNTS,
    filter: null,
    picked: [],
    detail: null,
    editing: null,
    async load() {
      await attempt(async () => {
        const [mappings, connections] = await Promise.all([
          unwrap(api.mappings.list()),
          unwrap(api.connections.list()),
          refreshEndpoints(),
          refreshListener(),
          get().refreshEvents(),
          get().refreshOutbox(),
        ]);
        set({ mappings, connectionNames: Object.fromEntries(connections.map((c) => [c.id, c.name])), loaded: true });
      });
    },
    async refreshOutbox() {
      const filter = get().filter;
      const { items, counts } = await unwrap(api.webhooks.outbox(filter ? { state: filter } : {}));
      const ids = new Set(items.map((d) => d.id));
      set({ outbox: items, counts, picked: get().picked.filter((id) => ids.has(id)) });
      const open = get().detail?.delivery.id;
      if (open) {
        const [delivery, attempts] = await Promise.all([
          unwrap(api.webhooks.delivery({ id: open })),
          unwrap(api.webhooks.attempts({ id: open })),
        ]);
        if (get().detail?.delivery.id === open) set({ detail: { delivery, attempts } });
      }
    },
    async refreshEvents() {
      set({ events: await unwrap(api.webhooks.events({ limit: 50 })) });
    },
    async setFilter(filter) {
      set({ filter, picked: [] });
      await attempt(() => get().refreshOutbox());
    },
    togglePick(id) {
      const picked = get().picked;
      set({ picked: picked.includes(id) ? picked.filter((x) => x !== id) : [...picked, id] });
    },
    pickAll(on) {
      set({
        picked: on
          ? get()
              .outbox.filter((d) => d.state !== 'delivered')
              .map((d) => d.id)
          : [],
      });
    },
    edit(editing) {
      set({ editing, error: undefined });
    },
    async saveEndpoint(draft) {
      const saved = await attempt(() => unwrap(api.webhooks.saveEndpoint(draft)));
      if (!saved) return false;
      await refreshEndpoints();
      set({
        editing: null,
        message: `Endpoint "${saved.name}" saved.${saved.hasSecret ? '' : ' Set its signing secret next.'}`,
      });
      return true;
    },
    async removeEndpoint(id) {
      if (await attempt(() => unwrap(api.webhooks.removeEndpoint({ id })))) await refreshEndpoints();
    },
    async setSecret(id, secret) {
      const done = await attempt(() => unwrap(api.webhooks.setSecret({ id, secret })));
      if (!done) return false;
      await refreshEndpoints();
      set({ message: 'Secret saved in the keychain.' });
      return true;
    },
    async sendTest(id) {
      const r = await attempt(() => unwrap(api.webhooks.sendTestEvent({ id })));
      if (r)
        set({
          message:
            r.status >= 200 && r.status < 300
              ? `Test event accepted (HTTP ${r.status}).`
              : `Test event refused: HTTP ${r.status} ${JSON.stringify(r.body)}`,
        });
    },
    async catchUp(id) {
      const r = await attempt(() => unwrap(api.webhooks.catchUp({ endpointId: id })));
      if (r)
        set({ message: `Catch-up listed ${r.listed} record(s): ${r.added} new, ${r.duplicates} already received.` });
    },
    async listenerAction(action, settings = {}) {
      const listener = await attempt(() => unwrap(api.webhooks.listener({ action, ...settings })));
      if (listener) {
        set({ listener });
        await attempt(refreshEndpoints);
        // A start that failed leaves its reason (e.g. the port is in use) in the status: show it.
      } else await refreshListener().catch(() => undefined);
    },
    async openDelivery(id) {
      if (!id) return set({ detail: null });
      await attempt(async () => {
        const [delivery, attempts] = await Promise.all([
          unwrap(api.webhooks.delivery({ id })),
          unwrap(api.webhooks.attempts({ id })),
        ]);
        set({ detail: { delivery, attempts } });
      });
    },
    async editPayload(id, payload) {
      const delivery = await attempt(() => unwrap(api.webhooks.editPayload({ id, payload: payload as never })));
      if (!delivery) return false;
      set({ message: 'Payload saved; replay the delivery to send it.' });
      await attempt(() => get().refreshOutbox());
      return true;
    },
    async replay(ids) {
      const out = await attempt(() => unwrap(api.webhooks.replay({ ids })));
      if (!out) return;
      set({ picked: [], message: `${out.length} deliver${out.length === 1 ? 'y' : 'ies'} sent again.` });
      await attempt(() => get().refreshOutbox());
    },
    live() {
      // Bursts of events (a backlog draining) coalesce into one refresh per kind.
      const timers: Record<string, ReturnType<typeof setTimeout> | undefined> = {};
      const soon = (key: string, work: () => Promise<void>) => {
        if (timers[key]) return;
        timers[key] = setTimeout(() => {
          timers[key] = undefined;
          void attempt(work);
        }, 150);
      };
      const offs = [
        api.on('webhooks:event', () => soon('events', () => get().refreshEvents())),
        api.on('webhooks:rejected', (r) =>
          set({ rejections: [{ ...r, at: new Date().toISOString() }, ...get().rejections].slice(0, 20) }),
        ),
        api.on('webhooks:delivery', () => soon('outbox', () => get().refreshOutbox())),
        api.on('webhooks:listener', () =>
          soon('listener', async () => (await refreshListener(), await refreshEndpoints())),
        ),
      ];
      return () => {
        for (const off of offs) off();
        for (const t of Object.values(timers)) if (t) clearTimeout(t);
      };
    },
  };
});
