import { useEffect } from 'react';
import { useReferenceStore } from '../../stores/dataset-reference';
import { useDatasetsStore } from '../../stores/datasets';
import { DatasetFilters } from './DatasetFilters';
import { DatasetKpis } from './DatasetKpis';
import { DatasetsEmpty } from './DatasetsEmpty';
import { ExportStatus } from './ExportStatus';
import { QualityPanel } from './QualityPanel';
import { RatesEditor } from './RatesEditor';
import { ReconciliationChart } from './ReconciliationChart';
import { RefreshControl } from './RefreshControl';
import { RevenueChart } from './RevenueChart';
import { TopProductsChart } from './TopProductsChart';
import { XrefEditor } from './XrefEditor';

/**
 * Datasets on the Dashboard: pick a dataset, refresh it, read its KPIs and charts through the
 * filters, check its quality, and fix what the checks find (cross-reference, rates) in place.
 */
export function DatasetsSection() {
  const loaded = useDatasetsStore((s) => s.loaded);
  const datasets = useDatasetsStore((s) => s.datasets);
  const selectedId = useDatasetsStore((s) => s.selectedId);
  const dataset = useDatasetsStore((s) => s.dataset);
  const select = useDatasetsStore((s) => s.select);
  const error = useDatasetsStore((s) => s.error);
  const kpis = useDatasetsStore((s) => s.kpis);
  const series = useDatasetsStore((s) => s.series);
  const top = useDatasetsStore((s) => s.top);
  const reconciliation = useDatasetsStore((s) => s.reconciliation);
  const quality = useDatasetsStore((s) => s.quality);
  const loading = useDatasetsStore((s) => s.loading);
  const lastRefresh = datasets.find((d) => d.id === selectedId);
  const loadReference = useReferenceStore((s) => s.load);

  useEffect(() => {
    const store = useDatasetsStore.getState();
    void store.load();
    return store.live();
  }, []);
  // The editors follow the figures: a refresh or a filter change can surface new unmatched ids.
  useEffect(() => {
    if (dataset && quality) void loadReference(dataset.id);
  }, [dataset, quality, loadReference]);

  const sourceLabels = Object.fromEntries((dataset?.sources ?? []).map((s) => [s.id, s.label]));
  const systems = [...new Set((dataset?.sources ?? []).map((s) => s.productSystem ?? s.id))];
  return (
    <section className="datasets" aria-labelledby="datasets-title" data-testid="datasets">
      <div className="section-header">
        <h2 id="datasets-title">Datasets</h2>
        {datasets.length ? (
          <label className="dataset-picker">
            <span>Dataset</span>
            <select value={selectedId ?? ''} onChange={(e) => void select(e.target.value)} data-testid="dataset-picker">
              {datasets.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {lastRefresh ? (
          <span className="muted" data-testid="dataset-last-refresh">
            {lastRefresh.lastRefreshAt
              ? `${lastRefresh.rows.toLocaleString()} rows, refreshed ${new Date(lastRefresh.lastRefreshAt).toLocaleString()}`
              : 'Never refreshed'}
          </span>
        ) : null}
        {selectedId ? <RefreshControl sourceLabels={sourceLabels} /> : null}
      </div>
      {error ? (
        <div className="notice notice-error" role="alert">
          {error}
        </div>
      ) : null}
      {!loaded ? <p className="muted">Loading…</p> : null}
      {loaded && datasets.length === 0 ? <DatasetsEmpty /> : null}
      {lastRefresh && dataset ? (
        <div aria-busy={loading}>
          {dataset.description ? <p className="muted">{dataset.description}</p> : null}
          <DatasetFilters summary={lastRefresh} />
          <ExportStatus />
          {kpis ? <DatasetKpis kpis={kpis} /> : null}
          <div className="charts">
            {series ? <RevenueChart series={series} /> : null}
            {reconciliation ? <ReconciliationChart reconciliation={reconciliation} /> : null}
            {top ? <TopProductsChart top={top} /> : null}
          </div>
          {quality ? <QualityPanel quality={quality} sourceLabels={sourceLabels} /> : null}
          <div className="dataset-editors">
            <XrefEditor systems={systems} />
            <RatesEditor key={dataset.id} />
          </div>
        </div>
      ) : null}
    </section>
  );
}
