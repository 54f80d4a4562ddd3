import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { TopProducts } from '../../../../shared/models/datasets';
import { ChartFrame } from './ChartFrame';
import { compactMoney, formatMoney, formatNumber, toChartNumber } from './format';
import { useDatasetColors } from './palette';

/** Canonical products by revenue; revenue that could not be matched to a product is shown, not dropped. */
export function TopProductsChart({ top }: { top: TopProducts }) {
  const c = useDatasetColors();
  const data = top.items.map((i) => ({
    name: i.name || i.productId,
    revenue: toChartNumber(i.revenue),
    exact: i.revenue,
  }));
  return (
    <ChartFrame
      title={`Top products (${top.currency})`}
      series="top_products"
      testId="dataset-chart-top-products"
      legend={[{ label: 'Revenue', color: c.series[0]! }]}
    >
      {data.length === 0 ? (
        <p className="chart-empty">No matched products in this period.</p>
      ) : (
        <ResponsiveContainer width="100%" height={Math.max(140, data.length * 28 + 40)}>
          <BarChart data={data} layout="vertical" margin={{ top: 4, right: 24, bottom: 4, left: 8 }}>
            <CartesianGrid stroke={c.base['--chart-grid']} strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" stroke={c.base['--muted']} fontSize={12} tickFormatter={compactMoney(top.currency)} />
            <YAxis type="category" dataKey="name" width={150} stroke={c.base['--muted']} fontSize={11} />
            <Tooltip
              cursor={{ fillOpacity: 0.08 }}
              formatter={(_v, _n, item) => [formatMoney(String(item.payload.exact), top.currency), 'Revenue']}
              contentStyle={{ background: c.base['--panel'], borderColor: c.base['--border'], color: c.base['--text'] }}
            />
            <Bar dataKey="revenue" name="Revenue" fill={c.series[0]} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      )}
      {top.unmatched.rows ? (
        <p className="muted dataset-note" data-testid="top-products-unmatched">
          Not in the chart: {formatNumber(top.unmatched.rows)} rows ({formatMoney(top.unmatched.revenue, top.currency)})
          with an unmatched product id.
        </p>
      ) : null}
    </ChartFrame>
  );
}
