import { Area, AreaChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { LogStats } from '../../../../shared/models/logs';
import { useChartColors } from './chart-colors';
import { fillSeries } from './series';

function tickFormatter(bucketMs: number) {
  const opts: Intl.DateTimeFormatOptions =
    bucketMs >= 86_400_000 ? { month: 'short', day: 'numeric' } : { hour: '2-digit', minute: '2-digit', hour12: false };
  const f = new Intl.DateTimeFormat(undefined, opts);
  return (iso: string) => f.format(new Date(iso));
}

/** Calls and failures per time bucket (the bucket width is chosen by core for ~60 points). */
export function CallsOverTimeChart({ stats, from }: { stats: LogStats; from?: string }) {
  const c = useChartColors();
  const data = fillSeries(stats, from);
  const fmt = tickFormatter(stats.bucketMs);
  return (
    <figure className="chart chart-span-2" data-testid="chart-calls-over-time">
      <figcaption>Calls and failures over time</figcaption>
      <ResponsiveContainer width="100%" height={220}>
        <AreaChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid stroke={c['--chart-grid']} strokeDasharray="3 3" />
          <XAxis dataKey="start" tickFormatter={fmt} stroke={c['--muted']} fontSize={12} minTickGap={24} />
          <YAxis allowDecimals={false} stroke={c['--muted']} fontSize={12} width={48} />
          <Tooltip
            labelFormatter={(v) => new Date(String(v)).toLocaleString()}
            contentStyle={{ background: c['--panel'], borderColor: c['--border'], color: c['--text'] }}
          />
          <Legend />
          <Area
            type="monotone"
            dataKey="calls"
            name="Calls"
            stroke={c['--chart-calls']}
            fill={c['--chart-calls']}
            fillOpacity={0.2}
            isAnimationActive={false}
          />
          <Area
            type="monotone"
            dataKey="failures"
            name="Failures"
            stroke={c['--chart-fail']}
            fill={c['--chart-fail']}
            fillOpacity={0.3}
            isAnimationActive={false}
          />
        </AreaChart>
      </ResponsiveContainer>
    </figure>
  );
}
