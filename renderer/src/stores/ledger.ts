import { create } from 'zustand';
import type { LedgerReport } from '../../../shared/models/logs';
import { api, errorMessage, unwrap } from '../api';
import { chooseSavePath } from '../features/exports/save-export';

/** Period as local calendar days (yyyy-mm-dd, "to" inclusive), the way a person picks it. */
export interface Period {
  from: string;
  to: string;
}

const day = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

export function lastDays(n: number, now = new Date()): Period {
  const from = new Date(now);
  from.setDate(from.getDate() - (n - 1));
  return { from: day(from), to: day(now) };
}

/** Local midnight of `from` to local midnight after `to`, as ISO instants for the contract. */
export function periodToQuery(p: Period): { from?: string; to?: string } {
  const start = p.from ? new Date(`${p.from}T00:00:00`) : undefined;
  const end = p.to ? new Date(`${p.to}T00:00:00`) : undefined;
  end?.setDate(end.getDate() + 1);
  const ok = (d?: Date) => d && !Number.isNaN(d.getTime());
  return { ...(ok(start) ? { from: start!.toISOString() } : {}), ...(ok(end) ? { to: end!.toISOString() } : {}) };
}

interface LedgerState {
  period: Period;
  report?: LedgerReport;
  loading: boolean;
  error?: string;
  exportMessage?: { text: string; error: boolean; path?: string };
  setPeriod(p: Period): void;
  load(): Promise<void>;
  exportReport(format: 'csv' | 'html'): Promise<void>;
}

export const useLedgerStore = create<LedgerState>((set, get) => ({
  period: lastDays(30),
  loading: false,
  setPeriod(period) {
    set({ period });
    void get().load();
  },
  async load() {
    set({ loading: true, error: undefined });
    try {
      set({ report: await unwrap(api.ledger.report(periodToQuery(get().period))), loading: false });
    } catch (error) {
      set({ error: errorMessage(error), loading: false });
    }
  },
  async exportReport(format) {
    try {
      const path = await chooseSavePath('patchbay-data-access', format, 'ledger:export');
      if (!path) return;
      const result = await unwrap(api.ledger.export({ ...periodToQuery(get().period), format, path }));
      set({
        exportMessage: {
          text: `Saved the report (${result.rows} row${result.rows === 1 ? '' : 's'}) to ${result.path}`,
          error: false,
          path: result.path,
        },
      });
    } catch (error) {
      set({ exportMessage: { text: errorMessage(error), error: true } });
    }
  },
}));
