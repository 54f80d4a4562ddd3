import { create } from 'zustand';
import type { HealthView } from '../../../shared/contract/health';
import { api, errorMessage, unwrap } from '../api';

interface HealthStoreState {
  items: HealthView[];
  loading: boolean;
  error?: string;
  load(): Promise<void>;
  resume(kind: HealthView['kind'], id: string): Promise<void>;
  /** Reload whenever a sync or flow changes health. */
  live(): () => void;
}

/** Health per sync and webhook flow (from record outcomes), for the dashboard headline and the Syncs page. */
export const useHealthStore = create<HealthStoreState>((set, get) => ({
  items: [],
  loading: true,
  async load() {
    try {
      const items = await unwrap(api.health.list({}));
      set({ items, loading: false, error: undefined });
    } catch (error) {
      set({ error: errorMessage(error), loading: false });
    }
  },
  async resume(kind, id) {
    try {
      await unwrap(api.health.resume({ kind, id }));
      await get().load();
    } catch (error) {
      set({ error: errorMessage(error) });
    }
  },
  live() {
    return api.on('health:changed', () => void get().load());
  },
}));
