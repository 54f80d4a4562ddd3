import { create } from 'zustand';
import type { LogStats } from '../../../shared/models/logs';
import { api, errorMessage, unwrap } from '../api';
import { rangeStart, type TimeRange } from '../features/logs/filters';

interface MonitoringState {
  range: TimeRange;
  connectionId: string;
  stats?: LogStats;
  /** Connection ids seen in the unfiltered range, for the connection picker. */
  connections: string[];
  loading: boolean;
  error?: string;
  setRange(range: TimeRange): void;
  setConnection(connectionId: string): void;
  load(): Promise<void>;
  /** Refresh on new calls, at most every few seconds (stats scan the whole range). */
  live(): () => void;
}

const LIVE_REFRESH_MS = 3000;
let generation = 0;

export const useMonitoringStore = create<MonitoringState>((set, get) => ({
  range: '24h',
  connectionId: '',
  connections: [],
  loading: true,
  setRange(range) {
    set({ range });
    void get().load();
  },
  setConnection(connectionId) {
    set({ connectionId });
    void get().load();
  },
  async load() {
    const mine = ++generation;
    const { range, connectionId } = get();
    const from = rangeStart(range);
    set({ loading: true, error: undefined });
    try {
      const stats = await unwrap(
        api.logs.stats({ ...(from ? { from } : {}), ...(connectionId ? { connectionId } : {}) }),
      );
      if (mine !== generation) return;
      const seen = new Set([...get().connections, ...stats.perConnection.map((p) => p.connectionId).filter(Boolean)]);
      set({ stats, loading: false, connections: [...seen].sort() });
    } catch (error) {
      if (mine === generation) set({ error: errorMessage(error), loading: false });
    }
  },
  live() {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = api.on('logs:appended', () => {
      timer ??= setTimeout(() => {
        timer = null;
        void get().load();
      }, LIVE_REFRESH_MS);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  },
}));
