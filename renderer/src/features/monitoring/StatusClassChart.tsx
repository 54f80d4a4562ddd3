import { Cell, Legend, Pie, PieChart, ResponsiveContainer, Tooltip } from 'recharts';
import type { LogStats } from '../../../../shared/models/logs';
import { useChartColors, type ChartColors } from './chart-colors';

const ORDER = ['2xx', '3xx', '4xx', '5xx', 'network'] as const;

/** Share of calls per status class. */
export function StatusClassChart({ stats }: { stats: LogStats }) {
  const c = useChartColors();
  const data = ORDER.map((k) => ({ name: k, value: stats.byStatusClass[k] ?? 0 })).filter((d) => d.value > 0);
  return (
    <figure className="chart" data-testid="chart-status-classes">
      <figcaption>Status classes</figcaption>
      <ResponsiveContainer width="100%" height={220}>
        <PieChart>
          <Pie
            data={data}
            dataKey="value"
            nameKey="name"
            innerRadius={45}
            outerRadius={75}
            isAnimationActive={false}
            stroke={c['--panel']}
          >
            {data.map((d) => (
              <Cell key={d.name} fill={c[`--chart-${d.name}` as keyof ChartColors]} />
            ))}
          </Pie>
          <Tooltip contentStyle={{ background: c['--panel'], borderColor: c['--border'], color: c['--text'] }} />
          <Legend />
        </PieChart>
      </ResponsiveContainer>
    </figure>
  );
}
