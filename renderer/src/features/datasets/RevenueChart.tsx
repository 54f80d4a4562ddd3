import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Series } from '../../../../shared/models/datasets';
import { ChartFrame } from './ChartFrame';
import { compactMoney, formatMoney, toChartNumber } from './format';
import { useDatasetColors } from './palette';

const GRANULARITY = { day: 'day', week: 'ISO week', month: 'month' } as const;

/** Revenue in the reporting currency per bucket, stacked by source: where the money comes from, over time. */
export function RevenueChart({ series }: { series: Series }) {
  const c = useDatasetColors();
  const exact = new Map<string, string>();
  const data = series.buckets.map((bucket) => {
    const row: Record<string, string | number> = { bucket };
    for (const s of series.series) {
      const p = s.points.find((x) => x.bucket === bucket);
      row[s.sourceId] = toChartNumber(p?.value);
      exact.set(`${bucket}\u0000${s.label}`, p?.value ?? '0');
    }
    return row;
  });
  const legend = series.series.map((s, i) => ({ label: s.label, color: c.series[i % c.series.length]! }));
  const title = `Revenue per ${GRANULARITY[series.granularity]} by source (${series.currency})`;
  return (
    <ChartFrame title={title} series="revenue" testId="dataset-chart-revenue" legend={legend} className="chart-span-2">
      {data.length === 0 ? (
        <p className="chart-empty">No rows in this period.</p>
      ) : (
        <ResponsiveContainer width="100%" height={240}>
          <BarChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
            <CartesianGrid stroke={c.base['--chart-grid']} strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="bucket" stroke={c.base['--muted']} fontSize={12} minTickGap={16} />
            <YAxis stroke={c.base['--muted']} fontSize={12} width={64} tickFormatter={compactMoney(series.currency)} />
            <Tooltip
              cursor={{ fillOpacity: 0.08 }}
              formatter={(_v, name, item) => [
                formatMoney(exact.get(`${String(item.payload.bucket)}\u0000${String(name)}`), series.currency),
                name,
              ]}
              contentStyle={{ background: c.base['--panel'], borderColor: c.base['--border'], color: c.base['--text'] }}
            />
            {series.series.map((s, i) => (
              <Bar
                key={s.sourceId}
                dataKey={s.sourceId}
                name={s.label}
                stackId="revenue"
                fill={c.series[i % c.series.length]}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      )}
      <ul className="dataset-legend" aria-label="Sources">
        {legend.map((l) => (
          <li key={l.label}>
            <span className="dataset-swatch" style={{ background: l.color }} aria-hidden="true" />
            {l.label}
          </li>
        ))}
      </ul>
    </ChartFrame>
  );
}
