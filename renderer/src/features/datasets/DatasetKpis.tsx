import type { Kpis } from '../../../../shared/models/datasets';
import { formatMoney, formatNumber } from './format';

function Tile(props: { label: string; value: string; hint?: string; tone?: 'warn'; testId: string }) {
  return (
    <div className={`kpi${props.tone ? ` kpi-${props.tone}` : ''}`} data-testid={props.testId}>
      <div className="kpi-label">{props.label}</div>
      <div className="kpi-value">{props.value}</div>
      {props.hint ? <div className="kpi-hint">{props.hint}</div> : null}
    </div>
  );
}

/** The headline figures in the reporting currency; rows that could not be converted are counted, never summed. */
export function DatasetKpis({ kpis }: { kpis: Kpis }) {
  return (
    <div className="kpis" data-testid="dataset-kpis">
      <Tile
        label={`Revenue (${kpis.currency})`}
        value={formatMoney(kpis.revenue, kpis.currency)}
        hint={
          kpis.unconvertedRows
            ? `${formatNumber(kpis.unconvertedRows)} rows not converted, not included`
            : `${formatNumber(kpis.rows)} rows`
        }
        tone={kpis.unconvertedRows ? 'warn' : undefined}
        testId="dataset-kpi-revenue"
      />
      <Tile
        label="Orders"
        value={formatNumber(kpis.orders)}
        hint={`${formatMoney(kpis.orderRevenue, kpis.currency)} ordered`}
        testId="dataset-kpi-orders"
      />
      <Tile label="Invoices" value={formatNumber(kpis.invoices)} testId="dataset-kpi-invoices" />
      <Tile
        label="Average order value"
        value={formatMoney(kpis.averageOrderValue, kpis.currency)}
        testId="dataset-kpi-aov"
      />
    </div>
  );
}
