import { create } from 'zustand';
import type {
  ConnectionCreateInput,
  ConnectionUpdateInput,
  ConnectionView,
  TestResult,
} from '../../../shared/models/connection';
import type { ConnectorSummary } from '../../../shared/models/connector';
import { api, errorMessage, unwrap } from '../api';

interface ConnectionsState {
  list: ConnectionView[];
  connectors: ConnectorSummary[];
  loaded: boolean;
  error?: string;
  /** Connection ids with a test in flight, for spinners. */
  testing: Record<string, boolean>;
  load(): Promise<void>;
  create(input: ConnectionCreateInput): Promise<ConnectionView>;
  update(input: ConnectionUpdateInput): Promise<ConnectionView>;
  duplicate(id: string): Promise<ConnectionView>;
  remove(id: string): Promise<void>;
  test(id: string): Promise<TestResult>;
  authorize(id: string): Promise<void>;
}

export const useConnections = create<ConnectionsState>((set, get) => {
  let subscribed = false;
  const refresh = async () => {
    try {
      set({ list: await unwrap(api.connections.list()), loaded: true, error: undefined });
    } catch (error) {
      set({ error: errorMessage(error), loaded: true });
    }
  };
  return {
    list: [],
    connectors: [],
    loaded: false,
    testing: {},
    async load() {
      if (!subscribed) {
        subscribed = true;
        api.on('connections:changed', () => void refresh());
      }
      const [connectors] = await Promise.all([
        unwrap(api.connectors.list()).catch(() => [] as ConnectorSummary[]),
        refresh(),
      ]);
      set({ connectors });
    },
    async create(input) {
      const created = await unwrap(api.connections.create(input));
      await refresh();
      return created;
    },
    async update(input) {
      const updated = await unwrap(api.connections.update(input));
      await refresh();
      return updated;
    },
    async duplicate(id) {
      const copy = await unwrap(api.connections.duplicate({ id }));
      await refresh();
      return copy;
    },
    async remove(id) {
      await unwrap(api.connections.remove({ id }));
      set({ list: get().list.filter((c) => c.id !== id) });
    },
    async test(id) {
      set({ testing: { ...get().testing, [id]: true } });
      try {
        const result = await unwrap(api.connections.test({ id }));
        await refresh();
        return result;
      } finally {
        set({ testing: { ...get().testing, [id]: false } });
      }
    },
    async authorize(id) {
      await unwrap(api.connections.authorize({ id }));
      await refresh();
    },
  };
});
