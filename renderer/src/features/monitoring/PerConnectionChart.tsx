import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { LogStats } from '../../../../shared/models/logs';
import { useConnectionNames } from '../logs/connection-names';
import { formatDuration, formatPercent } from '../logs/format';
import { useChartColors } from './chart-colors';

/** Per connection: successes and failures as stacked bars, then the figures behind them. */
export function PerConnection({ stats }: { stats: LogStats }) {
  const c = useChartColors();
  const names = useConnectionNames();
  const label = (id: string) => (id ? (names[id] ?? id) : '(no connection)');
  const data = stats.perConnection
    .slice(0, 12)
    .map((p) => ({ name: label(p.connectionId), ok: p.calls - p.failures, failures: p.failures }));
  return (
    <figure className="chart chart-span-2" data-testid="chart-per-connection">
      <figcaption>Per connection</figcaption>
      <ResponsiveContainer width="100%" height={200}>
        <BarChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid stroke={c['--chart-grid']} strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" stroke={c['--muted']} fontSize={12} />
          <YAxis allowDecimals={false} stroke={c['--muted']} fontSize={12} width={48} />
          <Tooltip
            cursor={{ fillOpacity: 0.1 }}
            contentStyle={{ background: c['--panel'], borderColor: c['--border'], color: c['--text'] }}
          />
          <Legend />
          <Bar dataKey="ok" name="Succeeded" stackId="a" fill={c['--chart-2xx']} isAnimationActive={false} />
          <Bar dataKey="failures" name="Failed" stackId="a" fill={c['--chart-fail']} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
      <table className="monitoring-table" data-testid="monitoring-per-connection">
        <thead>
          <tr>
            <th>Connection</th>
            <th className="num">Calls</th>
            <th className="num">Failed</th>
            <th className="num">Success</th>
            <th className="num">p50</th>
            <th className="num">p95</th>
            <th className="num">429s</th>
            <th className="num">Retry wait</th>
          </tr>
        </thead>
        <tbody>
          {stats.perConnection.map((p) => (
            <tr key={p.connectionId}>
              <td>{label(p.connectionId)}</td>
              <td className="num">{p.calls}</td>
              <td className="num">{p.failures}</td>
              <td className="num">{formatPercent(p.successRate)}</td>
              <td className="num">{formatDuration(p.p50Ms)}</td>
              <td className="num">{formatDuration(p.p95Ms)}</td>
              <td className="num">{p.rateLimited}</td>
              <td className="num">{formatDuration(p.retryWaitMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
