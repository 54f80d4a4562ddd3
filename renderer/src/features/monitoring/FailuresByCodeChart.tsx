import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { LogStats } from '../../../../shared/models/logs';
import { useChartColors } from './chart-colors';

/** Failed calls by error code (rate_limited, http_404, network…): the first thing to monitor. */
export function FailuresByCodeChart({ stats }: { stats: LogStats }) {
  const c = useChartColors();
  const data = stats.failuresByCode.slice(0, 10);
  return (
    <figure className="chart" data-testid="chart-failures-by-code">
      <figcaption>Failures by error code</figcaption>
      {data.length === 0 ? (
        <p className="chart-empty">No failed calls in this period.</p>
      ) : (
        <ResponsiveContainer width="100%" height={Math.max(120, data.length * 32 + 40)}>
          <BarChart data={data} layout="vertical" margin={{ top: 4, right: 24, bottom: 4, left: 8 }}>
            <CartesianGrid stroke={c['--chart-grid']} strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" allowDecimals={false} stroke={c['--muted']} fontSize={12} />
            <YAxis type="category" dataKey="errorCode" width={130} stroke={c['--muted']} fontSize={12} />
            <Tooltip
              cursor={{ fillOpacity: 0.1 }}
              contentStyle={{ background: c['--panel'], borderColor: c['--border'], color: c['--text'] }}
            />
            <Bar dataKey="count" name="Failed calls" fill={c['--chart-fail']} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      )}
    </figure>
  );
}
