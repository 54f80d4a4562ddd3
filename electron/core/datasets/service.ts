import { createHash } from 'node:crypto';
import { AppError, parseOrThrow } from '../../../shared/errors';
import {
  Dataset,
  DatasetFilters,
  FixedRate,
  type DatasetFiltersInput,
  type DatasetInput,
  type DatasetSummary,
  type FixedRate as FixedRateT,
  type Kpis,
  type QualityCheckId,
  type QualityReport,
  type RateRow,
  type Reconciliation,
  type RefreshProgress,
  type RefreshResult,
  type RowPage,
  type Series,
  type SeriesName,
  type TopProducts,
  type XrefEntry,
  type XrefEntryInput,
  type XrefImportResult,
} from '../../../shared/models/datasets';
import { isValidTimeZone } from '../../../shared/transforms/tz';
import type { SinkOptions } from '../logs/export/file-sink';
import { DatasetRepo, type DefinitionStore } from './dataset-repo';
import { openDatasetsDb, type DatasetDatabase } from './db';
import { exportDatasetCsv, seriesCsv } from './export';
import { rowBuilder } from './normalize/row-builder';
import { qualityReport, qualityRows } from './quality';
import { DatasetQueries } from './queries';
import { RatesStore } from './rates-store';
import { refreshSource } from './refresh-source';
import { renormalize } from './renormalize';
import type { SourceOpener } from './source';
import { dropTable, ensureTable, q, tableExists, tableName } from './table';
import { RowWriter } from './writer';
import { XrefStore } from './xref-store';
import { errorMessage } from '../../../shared/error-message';

export interface DatasetServiceDeps {
  dataDir: string;
  /** The settings store (electron-store / conf) for definitions. */
  definitions: DefinitionStore;
  /** connection + resource → a reader (create-core wires the connection service and catalog here). */
  openSource: SourceOpener;
  /** Saved mappings, for sources that name a mappingId. */
  loadMapping?: (mappingId: string) => Promise<unknown>;
  clock?: () => Date;
}

export interface RefreshOptions {
  /** Ignore cursors and read every source completely. */
  full?: boolean;
  /** Only these sources (default: every enabled one). */
  sources?: string[];
  signal?: AbortSignal;
  pageSize?: number;
}

/** What changes the stored rows' shape or meaning: when it changes, the table is rebuilt on the next refresh. */
function fingerprint(d: Dataset): string {
  const shape = {
    columns: d.columns.map((c) => [c.name, c.type, c.format]),
    roles: d.roles,
    tz: d.timezone,
    sources: d.sources.map((s) => ({ ...s, label: undefined, enabled: undefined })),
  };
  return createHash('sha256').update(JSON.stringify(shape)).digest('hex').slice(0, 24);
}

/**
 * Datasets: definitions in the settings store, rows in datasets.db, refreshed per source on demand
 * or by the scheduler (see `scheduled()`), queried by the dashboard. One instance per core.
 */
export class DatasetService {
  readonly db: DatasetDatabase;
  private readonly repo: DatasetRepo;
  private readonly rateStore: RatesStore;
  private readonly xrefs: XrefStore;
  private readonly clock: () => Date;
  private readonly busy = new Set<string>();

  constructor(private readonly deps: DatasetServiceDeps) {
    this.db = openDatasetsDb(deps.dataDir);
    this.repo = new DatasetRepo(deps.definitions);
    this.rateStore = new RatesStore(this.db, deps.openSource);
    this.xrefs = new XrefStore(this.db);
    this.clock = deps.clock ?? (() => new Date());
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  // ---- definitions ----------------------------------------------------------------------------

  list(): DatasetSummary[] {
    return this.repo.load().map((d) => this.summary(d));
  }

  /** By id, or by name (case-insensitive) as the CLI types it. */
  get(idOrName: string): Dataset {
    const all = this.repo.load();
    const hit =
      all.find((d) => d.id === idOrName) ?? all.find((d) => d.name.toLowerCase() === idOrName.trim().toLowerCase());
    if (!hit)
      throw new AppError(
        'not_found',
        `No dataset "${idOrName}". Known datasets: ${all.map((d) => d.name).join(', ') || 'none yet'}.`,
        { dataset: idOrName },
      );
    return hit;
  }

  save(input: DatasetInput | unknown): Dataset {
    const parsed = parseOrThrow(Dataset, input, 'dataset');
    if (!isValidTimeZone(parsed.timezone))
      throw new AppError(
        'invalid_input',
        `Unknown time zone "${parsed.timezone}"; use an IANA name like "Europe/Paris" or "UTC".`,
      );
    const dataset: Dataset = { ...parsed, updatedAt: this.clock().toISOString() };
    const all = this.repo.load();
    const i = all.findIndex((d) => d.id === dataset.id);
    const clash = all.find((d) => d.id !== dataset.id && d.name.toLowerCase() === dataset.name.toLowerCase());
    if (clash)
      throw new AppError('conflict', `Another dataset is already named "${dataset.name}"; choose another name.`);
    const previous = i >= 0 ? all[i]! : undefined;
    if (i >= 0) all[i] = dataset;
    else all.push(dataset);
    this.repo.save(all);
    this.reconcileStorage(dataset);
    // Conversion settings can be re-applied to stored rows without calling any source.
    if (
      previous &&
      tableExists(this.db, dataset.id) &&
      JSON.stringify([previous.rateSource, previous.reportingCurrency, previous.unitConversions]) !==
        JSON.stringify([dataset.rateSource, dataset.reportingCurrency, dataset.unitConversions])
    ) {
      this.renormalizeAll(dataset);
    }
    return dataset;
  }

  remove(id: string): void {
    const all = this.repo.load();
    const d = all.find((x) => x.id === id);
    if (!d) throw new AppError('not_found', `No dataset "${id}".`);
    this.repo.save(all.filter((x) => x.id !== id));
    dropTable(this.db, id);
    this.db.prepare(`DELETE FROM dataset_sources_state WHERE dataset_id = ?`).run(id);
    this.db.prepare(`DELETE FROM dataset_state WHERE dataset_id = ?`).run(id);
    this.xrefs.removeAll(id);
  }

  /** Datasets with a cron schedule, for the sync scheduler (croner) to call refresh() on. */
  scheduled(): { datasetId: string; name: string; cron: string }[] {
    return this.repo
      .load()
      .filter((d) => d.schedule)
      .map((d) => ({ datasetId: d.id, name: d.name, cron: d.schedule! }));
  }

  // ---- refresh -------------------------------------------------------------------------------

  async refresh(
    idOrName: string,
    onProgress?: (p: RefreshProgress) => void,
    options: RefreshOptions = {},
  ): Promise<RefreshResult> {
    const dataset = this.get(idOrName);
    if (this.busy.has(dataset.id))
      throw new AppError('sync_busy', `Dataset "${dataset.name}" is already refreshing; wait for it to finish.`);
    this.busy.add(dataset.id);
    try {
      return await this.runRefresh(dataset, onProgress, options);
    } finally {
      this.busy.delete(dataset.id);
    }
  }

  private async runRefresh(
    dataset: Dataset,
    onProgress: ((p: RefreshProgress) => void) | undefined,
    options: RefreshOptions,
  ): Promise<RefreshResult> {
    const startedAt = this.clock().toISOString();
    this.reconcileStorage(dataset);
    const result: RefreshResult = {
      datasetId: dataset.id,
      startedAt,
      finishedAt: startedAt,
      rates: { loaded: 0, changed: false, error: null },
      sources: [],
      rows: 0,
    };

    if (dataset.rateSource.kind === 'connection') {
      onProgress?.({ datasetId: dataset.id, phase: 'rates', rows: 0 });
      try {
        const r = await this.rateStore.refresh(dataset.rateSource, startedAt, options.signal);
        result.rates = { ...r, error: null };
      } catch (error) {
        // Stale rates are still rates: rows convert with what is stored, and the failure is reported.
        result.rates.error = errorMessage(error);
      }
    }
    const rateTable = this.rateStore.table(dataset.rateSource);
    const resolver = this.xrefs.resolver(dataset.id);
    const buildRow = rowBuilder(dataset, rateTable, resolver);
    const writer = new RowWriter(this.db, dataset);
    const wanted = dataset.sources.filter((s) => s.enabled && (!options.sources || options.sources.includes(s.id)));
    for (const source of wanted) {
      if (options.signal?.aborted) break;
      result.sources.push(
        await refreshSource({
          db: this.db,
          dataset,
          source,
          writer,
          buildRow,
          openSource: this.deps.openSource,
          loadMapping: this.deps.loadMapping,
          now: startedAt,
          signal: options.signal,
          onProgress,
          full: options.full,
          pageSize: options.pageSize,
        }),
      );
    }

    // Rows kept from earlier refreshes were converted with older rates: bring them up to date.
    const version = this.rateStore.version(dataset.rateSource);
    const state = this.db.prepare(`SELECT rates_version FROM dataset_state WHERE dataset_id = ?`).get(dataset.id) as
      { rates_version: string | null } | undefined;
    if (state?.rates_version && state.rates_version !== version) {
      onProgress?.({ datasetId: dataset.id, phase: 'normalize', rows: 0 });
      renormalize(this.db, dataset, rateTable, resolver, startedAt);
    }
    result.finishedAt = this.clock().toISOString();
    this.db
      .prepare(`UPDATE dataset_state SET rates_version = ?, last_refresh_at = ? WHERE dataset_id = ?`)
      .run(version, result.finishedAt, dataset.id);
    result.rows = this.db
      .prepare(`SELECT COUNT(*) FROM ${q(tableName(dataset.id))}`)
      .pluck()
      .get() as number;
    onProgress?.({ datasetId: dataset.id, phase: 'done', rows: result.rows });
    return result;
  }

  /** Create the table; rebuild it (and forget cursors) when the definition's shape changed. */
  private reconcileStorage(dataset: Dataset): void {
    const fp = fingerprint(dataset);
    const state = this.db.prepare(`SELECT fingerprint FROM dataset_state WHERE dataset_id = ?`).get(dataset.id) as
      { fingerprint: string } | undefined;
    if (state && state.fingerprint !== fp) {
      dropTable(this.db, dataset.id);
      this.db.prepare(`DELETE FROM dataset_sources_state WHERE dataset_id = ?`).run(dataset.id);
    }
    ensureTable(this.db, dataset);
    this.db
      .prepare(
        `INSERT INTO dataset_state (dataset_id, fingerprint) VALUES (?, ?) ON CONFLICT (dataset_id) DO UPDATE SET fingerprint = excluded.fingerprint`,
      )
      .run(dataset.id, fp);
  }

  private renormalizeAll(dataset: Dataset): void {
    ensureTable(this.db, dataset);
    renormalize(this.db, dataset, this.rateStore.table(dataset.rateSource), this.xrefs.resolver(dataset.id));
    this.db
      .prepare(`UPDATE dataset_state SET rates_version = ? WHERE dataset_id = ?`)
      .run(this.rateStore.version(dataset.rateSource), dataset.id);
  }

  private summary(d: Dataset): DatasetSummary {
    const counts = new Map<string, number>();
    if (tableExists(this.db, d.id)) {
      for (const r of this.db
        .prepare(`SELECT _source AS s, COUNT(*) AS n FROM ${q(tableName(d.id))} GROUP BY _source`)
        .all() as { s: string; n: number }[])
        counts.set(r.s, r.n);
    }
    const states = new Map(
      (
        this.db
          .prepare(`SELECT source_id, last_refresh_at FROM dataset_sources_state WHERE dataset_id = ?`)
          .all(d.id) as { source_id: string; last_refresh_at: string | null }[]
      ).map((s) => [s.source_id, s.last_refresh_at]),
    );
    const ds = this.db.prepare(`SELECT last_refresh_at FROM dataset_state WHERE dataset_id = ?`).get(d.id) as
      { last_refresh_at: string | null } | undefined;
    return {
      id: d.id,
      name: d.name,
      reportingCurrency: d.reportingCurrency,
      sources: d.sources.map((s) => ({
        id: s.id,
        label: s.label,
        kind: s.kind,
        rows: counts.get(s.id) ?? 0,
        lastRefreshAt: states.get(s.id) ?? null,
      })),
      rows: [...counts.values()].reduce((a, b) => a + b, 0),
      lastRefreshAt: ds?.last_refresh_at ?? null,
    };
  }

  // ---- queries -------------------------------------------------------------------------------

  private queries(idOrName: string): { dataset: Dataset; queries: DatasetQueries } {
    const dataset = this.get(idOrName);
    ensureTable(this.db, dataset);
    return { dataset, queries: new DatasetQueries(this.db, dataset) };
  }

  private filters(input: DatasetFiltersInput | undefined): DatasetFilters {
    return parseOrThrow(DatasetFilters, input ?? {}, 'filters');
  }

  query(id: string, filters?: DatasetFiltersInput): RowPage {
    return this.queries(id).queries.rows(this.filters(filters));
  }

  quality(id: string, filters?: DatasetFiltersInput): QualityReport {
    const dataset = this.get(id);
    ensureTable(this.db, dataset);
    return qualityReport(this.db, dataset, this.filters(filters));
  }

  qualityRows(id: string, check: QualityCheckId, filters?: DatasetFiltersInput): RowPage {
    const { dataset, queries } = this.queries(id);
    return qualityRows(queries, dataset, check, this.filters(filters));
  }

  kpis(id: string, filters?: DatasetFiltersInput): Kpis {
    return this.queries(id).queries.kpis(this.filters(filters));
  }

  series(id: string, filters?: DatasetFiltersInput): Series {
    return this.queries(id).queries.revenueSeries(this.filters(filters));
  }

  topProducts(id: string, filters?: DatasetFiltersInput, limit = 10): TopProducts {
    return this.queries(id).queries.topProducts(this.filters(filters), limit);
  }

  reconciliation(id: string, filters?: DatasetFiltersInput, limit = 500): Reconciliation {
    return this.queries(id).queries.reconciliation(this.filters(filters), limit);
  }

  /** CSV text of one dashboard series (a chart's "Export CSV"). */
  exportSeriesCsv(id: string, name: SeriesName, filters?: DatasetFiltersInput): string {
    const { dataset, queries } = this.queries(id);
    return seriesCsv(this.db, queries, dataset, name, this.filters(filters));
  }

  /** The whole dataset to a CSV file (`patchbay datasets export <name> --format csv --out FILE`). */
  exportCsv(
    id: string,
    out: string,
    filters?: DatasetFiltersInput,
    options?: SinkOptions,
  ): Promise<{ rows: number; bytes: number }> {
    const dataset = this.get(id);
    ensureTable(this.db, dataset);
    return exportDatasetCsv(this.db, dataset, out, filters ? this.filters(filters) : {}, options);
  }

  // ---- product cross-reference and rates -----------------------------------------------------

  readonly xref = {
    list: (id: string): XrefEntry[] => this.xrefs.list(this.get(id).id),
    upsert: (id: string, entries: XrefEntryInput[]): number =>
      this.afterXref(id, () => this.xrefs.upsert(this.get(id).id, entries)),
    remove: (id: string, system: string, externalId: string): boolean =>
      this.afterXref(id, () => this.xrefs.remove(this.get(id).id, system, externalId)),
    importCsv: (id: string, text: string): XrefImportResult =>
      this.afterXref(id, () => this.xrefs.importCsv(this.get(id).id, text)),
  };

  /** Canonical products are joined at query time; only unit conversions by product need stored rows redone. */
  private afterXref<T>(id: string, change: () => T): T {
    const out = change();
    const d = this.get(id);
    if (d.unitConversions.some((c) => c.productId) && tableExists(this.db, d.id)) this.renormalizeAll(d);
    return out;
  }

  readonly rates = {
    /** Switch the dataset to fixed rates (units of currency per 1 `base`), re-converting stored rows. */
    setFixed: (id: string, rates: FixedRateT[] | unknown[], base = 'EUR'): Dataset => {
      const parsed = rates.map((r, i) => parseOrThrow(FixedRate, r, `fixed rate #${i + 1}`));
      const d = this.get(id);
      return this.save({ ...d, rateSource: { kind: 'fixed', base, rates: parsed } });
    },
    list: (id: string, options?: { currency?: string; from?: string; to?: string; limit?: number }): RateRow[] =>
      this.rateStore.list(this.get(id).rateSource, options),
  };
}
