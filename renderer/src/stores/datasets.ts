import { create } from 'zustand';
import type { DatasetProgress } from '../../../shared/contract/datasets';
import type { ConnectionView } from '../../../shared/models/connection';
import type {
  Dataset,
  DatasetFiltersInput,
  DatasetSummary,
  Granularity,
  Kpis,
  QualityCheckId,
  QualityReport,
  Reconciliation,
  RowPage,
  Series,
  SeriesName,
  TopProducts,
} from '../../../shared/models/datasets';
import { api, errorMessage, unwrap } from '../api';
import { chooseSavePath } from '../features/exports/save-export';

export interface DatasetFilterState {
  /** Inclusive dates (YYYY-MM-DD) in the dataset's time zone; '' = open-ended. */
  from: string;
  to: string;
  /** Selected source ids; empty = every source. */
  sources: string[];
  granularity: Granularity;
}

/** The three connections the "Sales overview" demo reads, when the user has them. */
export interface DemoConnections {
  shop?: ConnectionView;
  billing?: ConnectionView;
  rates?: ConnectionView;
}

export interface RefreshState {
  running: boolean;
  progress?: DatasetProgress;
  /** Outcome line once finished (rows, per-source errors). */
  message?: string;
  failed?: boolean;
}

export interface ExportState {
  status: 'running' | 'done' | 'error';
  message: string;
  path?: string;
}

interface DatasetsState {
  loaded: boolean;
  datasets: DatasetSummary[];
  selectedId?: string;
  dataset?: Dataset;
  filters: DatasetFilterState;
  kpis?: Kpis;
  series?: Series;
  top?: TopProducts;
  reconciliation?: Reconciliation;
  quality?: QualityReport;
  loading: boolean;
  error?: string;
  demo: DemoConnections;
  installing: boolean;
  refresh: RefreshState;
  exportState?: ExportState;
  drill?: { check: QualityCheckId; label: string; page?: RowPage; error?: string };
  load(): Promise<void>;
  select(id: string): Promise<void>;
  setFilters(patch: Partial<DatasetFilterState>): void;
  /** Re-read the dashboard figures (after a filter, a refresh, a cross-reference or rate edit). */
  loadData(): Promise<void>;
  runRefresh(): Promise<void>;
  installDemo(): Promise<void>;
  exportSeries(series: SeriesName, label: string): Promise<void>;
  dismissExport(): void;
  openDrill(check: QualityCheckId, label: string): Promise<void>;
  closeDrill(): void;
  /** Follow datasets:progress while mounted. */
  live(): () => void;
}

const DEMO_CONNECTORS = { shop: 'shop-shopify', billing: 'billing-stripe', rates: 'rates-ecb' } as const;

/** Prefer connections on this machine (the sandbox) when several use the same connector. */
function demoConnections(list: ConnectionView[]): DemoConnections {
  const local = (c: ConnectionView) => /^(127\.0\.0\.1|localhost|\[::1\])(:|$)/.test(new URL(c.baseUrl).host);
  const pick = (connectorId: string) => {
    const matching = list.filter((c) => c.connectorId === connectorId);
    return matching.find(local) ?? matching[0];
  };
  return {
    shop: pick(DEMO_CONNECTORS.shop),
    billing: pick(DEMO_CONNECTORS.billing),
    rates: pick(DEMO_CONNECTORS.rates),
  };
}

export function filterInput(f: DatasetFilterState): DatasetFiltersInput {
  return {
    ...(f.from ? { from: f.from } : {}),
    ...(f.to ? { to: f.to } : {}),
    ...(f.sources.length ? { sources: f.sources } : {}),
    granularity: f.granularity,
  };
}

const EMPTY_FILTERS: DatasetFilterState = { from: '', to: '', sources: [], granularity: 'day' };
// Late answers for an older filter must not overwrite newer ones.
let generation = 0;

export const useDatasetsStore = create<DatasetsState>((set, get) => ({
  loaded: false,
  datasets: [],
  filters: EMPTY_FILTERS,
  loading: false,
  demo: {},
  installing: false,
  refresh: { running: false },
  async load() {
    try {
      const [datasets, connections] = await Promise.all([unwrap(api.datasets.list()), unwrap(api.connections.list())]);
      set({ datasets, demo: demoConnections(connections), loaded: true, error: undefined });
      const current = get().selectedId;
      const next = datasets.find((d) => d.id === current)?.id ?? datasets[0]?.id;
      if (next && next !== current) await get().select(next);
      else if (next) await get().loadData();
    } catch (error) {
      set({ error: errorMessage(error), loaded: true });
    }
  },
  async select(id) {
    set({
      selectedId: id,
      dataset: undefined,
      drill: undefined,
      kpis: undefined,
      series: undefined,
      top: undefined,
      reconciliation: undefined,
      quality: undefined,
    });
    try {
      const dataset = await unwrap(api.datasets.get({ id }));
      if (get().selectedId !== id) return;
      set({ dataset, filters: { ...EMPTY_FILTERS, granularity: dataset.granularity } });
      await get().loadData();
    } catch (error) {
      set({ error: errorMessage(error) });
    }
  },
  setFilters(patch) {
    set({ filters: { ...get().filters, ...patch } });
    void get().loadData();
    const drill = get().drill;
    if (drill) void get().openDrill(drill.check, drill.label);
  },
  async loadData() {
    const id = get().selectedId;
    if (!id) return;
    const mine = ++generation;
    const filters = filterInput(get().filters);
    set({ loading: true, error: undefined });
    try {
      const [kpis, series, top, reconciliation, quality] = await Promise.all([
        unwrap(api.datasets.kpis({ id, filters })),
        unwrap(api.datasets.series({ id, filters })),
        unwrap(api.datasets.topProducts({ id, filters, limit: 10 })),
        unwrap(api.datasets.reconciliation({ id, filters, limit: 200 })),
        unwrap(api.datasets.quality({ id, filters })),
      ]);
      if (mine === generation) set({ kpis, series, top, reconciliation, quality, loading: false });
    } catch (error) {
      if (mine === generation) set({ error: errorMessage(error), loading: false });
    }
  },
  async runRefresh() {
    const id = get().selectedId;
    if (!id || get().refresh.running) return;
    set({ refresh: { running: true } });
    try {
      const result = await unwrap(api.datasets.refresh({ id }));
      const failed = result.sources.filter((s) => s.error);
      const message = failed.length
        ? `Refreshed with problems: ${failed.map((s) => `${s.sourceId}: ${s.error!.message}`).join('; ')}`
        : `Refreshed: ${result.rows.toLocaleString()} rows${result.rates.error ? ` (rates not updated: ${result.rates.error})` : ''}.`;
      set({ refresh: { running: false, message, failed: failed.length > 0 || !!result.rates.error } });
      set({ datasets: await unwrap(api.datasets.list()) });
      await get().loadData();
    } catch (error) {
      set({ refresh: { running: false, message: errorMessage(error), failed: true } });
    }
  },
  async installDemo() {
    const { shop, billing, rates } = get().demo;
    if (!shop || !billing || !rates) return;
    set({ installing: true, error: undefined });
    try {
      const summary = await unwrap(
        api.datasets.installDemo({
          shopConnectionId: shop.id,
          billingConnectionId: billing.id,
          ratesConnectionId: rates.id,
        }),
      );
      set({ datasets: await unwrap(api.datasets.list()), installing: false });
      await get().select(summary.id);
      // A demo with no rows shows nothing: fill it at once.
      await get().runRefresh();
    } catch (error) {
      set({ error: errorMessage(error), installing: false });
    }
  },
  async exportSeries(series, label) {
    const id = get().selectedId;
    if (!id) return;
    try {
      const path = await chooseSavePath(`${id}-${series.replace('_', '-')}`, 'csv', 'datasets:exportCsv');
      if (!path) return;
      set({ exportState: { status: 'running', message: `Exporting ${label}…` } });
      const result = await unwrap(api.datasets.exportCsv({ id, series, filters: filterInput(get().filters), path }));
      set({
        exportState: {
          status: 'done',
          message: `${label}: ${result.rows} row${result.rows === 1 ? '' : 's'} saved to ${result.path}`,
          path: result.path,
        },
      });
    } catch (error) {
      set({ exportState: { status: 'error', message: `${label} was not exported: ${errorMessage(error)}` } });
    }
  },
  dismissExport() {
    set({ exportState: undefined });
  },
  async openDrill(check, label) {
    const id = get().selectedId;
    if (!id) return;
    set({ drill: { check, label } });
    try {
      const page = await unwrap(
        api.datasets.qualityRows({ id, check, filters: { ...filterInput(get().filters), limit: 200 } }),
      );
      if (get().drill?.check === check) set({ drill: { check, label, page } });
    } catch (error) {
      if (get().drill?.check === check) set({ drill: { check, label, error: errorMessage(error) } });
    }
  },
  closeDrill() {
    set({ drill: undefined });
  },
  live() {
    return api.on('datasets:progress', (progress) => {
      if (progress.datasetId === get().selectedId && get().refresh.running)
        set({ refresh: { running: true, progress } });
    });
  },
}));
