import { create } from 'zustand';
import type { Dataset, FixedRate, RateRow, XrefEntry, XrefImportResult } from '../../../shared/models/datasets';
import { api, errorMessage, unwrap } from '../api';
import { useDatasetsStore } from './datasets';

/** An id nobody mapped yet, as the "map to…" list shows it. */
export interface UnmatchedId {
  system: string;
  sourceId: string;
  externalId: string;
  /** What the source calls it (product title), a hint for choosing the canonical product. */
  title: string;
  rows: number;
}

interface ReferenceState {
  datasetId?: string;
  xref: XrefEntry[];
  unmatched: UnmatchedId[];
  /** Rows with no product id at all: nothing to map, but counted so they are not forgotten. */
  withoutId: number;
  rates: RateRow[];
  importResult?: XrefImportResult;
  busy: boolean;
  error?: string;
  load(datasetId: string): Promise<void>;
  upsert(entry: XrefEntry): Promise<boolean>;
  remove(entry: XrefEntry): Promise<void>;
  importCsv(text: string): Promise<void>;
  setFixedRates(rates: FixedRate[], base: string): Promise<boolean>;
  /** Back from fixed rates to an ECB-compatible feed connection. */
  switchToFeed(connectionId: string): Promise<boolean>;
}

const UNMATCHED_SCAN = 5000;

function systemOf(dataset: Dataset | undefined, sourceId: string): string {
  const source = dataset?.sources.find((s) => s.id === sourceId);
  return source?.productSystem ?? sourceId;
}

/** Cross-reference and rates edits change the figures: the dashboard re-reads them. */
async function afterChange(datasetId: string, get: () => ReferenceState): Promise<void> {
  await Promise.all([get().load(datasetId), useDatasetsStore.getState().loadData()]);
}

/** Rate changes re-convert stored rows in core; the dashboard then shows the new figures. */
async function changeRates(
  get: () => ReferenceState,
  set: (patch: Partial<ReferenceState>) => void,
  change: (id: string) => Promise<Dataset>,
): Promise<boolean> {
  const id = get().datasetId;
  if (!id) return false;
  set({ busy: true, error: undefined });
  try {
    useDatasetsStore.setState({ dataset: await change(id) });
    await afterChange(id, get);
    return true;
  } catch (error) {
    set({ error: errorMessage(error) });
    return false;
  } finally {
    set({ busy: false });
  }
}

export const useReferenceStore = create<ReferenceState>((set, get) => ({
  xref: [],
  unmatched: [],
  withoutId: 0,
  rates: [],
  busy: false,
  async load(datasetId) {
    if (get().datasetId !== datasetId)
      set({ datasetId, xref: [], unmatched: [], rates: [], importResult: undefined, error: undefined });
    try {
      const dataset = useDatasetsStore.getState().dataset;
      const [xref, rows, rates] = await Promise.all([
        unwrap(api.datasets.xrefList({ id: datasetId })),
        unwrap(
          api.datasets.qualityRows({ id: datasetId, check: 'unmatched_products', filters: { limit: UNMATCHED_SCAN } }),
        ),
        unwrap(api.datasets.ratesList({ id: datasetId, limit: 60 })),
      ]);
      const byId = new Map<string, UnmatchedId>();
      let withoutId = 0;
      const productColumn = dataset?.roles.product;
      for (const r of rows.rows) {
        if (!r.productKey) {
          withoutId++;
          continue;
        }
        const system = systemOf(dataset, r.sourceId);
        const key = `${system}\u0000${r.productKey}`;
        const hit = byId.get(key);
        if (hit) hit.rows++;
        else {
          const raw = productColumn ? r.values[productColumn] : undefined;
          const title = Object.entries(r.values).find(([k]) => /title|name|description/i.test(k))?.[1];
          byId.set(key, {
            system,
            sourceId: r.sourceId,
            externalId: typeof raw === 'string' && raw.trim() ? raw.trim() : r.productKey,
            title: typeof title === 'string' ? title : '',
            rows: 1,
          });
        }
      }
      if (get().datasetId !== datasetId) return;
      set({ xref, unmatched: [...byId.values()].sort((a, b) => b.rows - a.rows), withoutId, rates, error: undefined });
    } catch (error) {
      set({ error: errorMessage(error) });
    }
  },
  async upsert(entry) {
    const id = get().datasetId;
    if (!id) return false;
    set({ busy: true, error: undefined });
    try {
      await unwrap(api.datasets.xrefUpsert({ id, entries: [entry] }));
      await afterChange(id, get);
      return true;
    } catch (error) {
      set({ error: errorMessage(error) });
      return false;
    } finally {
      set({ busy: false });
    }
  },
  async remove(entry) {
    const id = get().datasetId;
    if (!id) return;
    set({ busy: true, error: undefined });
    try {
      await unwrap(api.datasets.xrefRemove({ id, system: entry.system, externalId: entry.externalId }));
      await afterChange(id, get);
    } catch (error) {
      set({ error: errorMessage(error) });
    } finally {
      set({ busy: false });
    }
  },
  async importCsv(text) {
    const id = get().datasetId;
    if (!id) return;
    set({ busy: true, error: undefined, importResult: undefined });
    try {
      const importResult = await unwrap(api.datasets.xrefImportCsv({ id, text }));
      set({ importResult });
      if (importResult.imported) await afterChange(id, get);
    } catch (error) {
      set({ error: errorMessage(error) });
    } finally {
      set({ busy: false });
    }
  },
  async setFixedRates(rates, base) {
    return changeRates(get, set, (id) => unwrap(api.datasets.ratesSetFixed({ id, base, rates })));
  },
  async switchToFeed(connectionId) {
    return changeRates(get, set, async (id) => {
      const current = await unwrap(api.datasets.get({ id }));
      return unwrap(
        api.datasets.save({
          dataset: {
            ...current,
            rateSource: { kind: 'connection', connectionId, resource: 'history', maxFallbackDays: 7 },
          },
        }),
      );
    });
  },
}));
