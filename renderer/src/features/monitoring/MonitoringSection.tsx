import { useEffect } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { useRouter } from '../../router';
import { useMonitoringStore } from '../../stores/monitoring';
import { useConnectionNames } from '../logs/connection-names';
import { rangeStart } from '../logs/filters';
import { TimeRangeSelect } from '../logs/TimeRangeSelect';
import { CallsOverTimeChart } from './CallsOverTimeChart';
import { FailuresByCodeChart } from './FailuresByCodeChart';
import { KpiTiles } from './KpiTiles';
import { PerConnection } from './PerConnectionChart';
import { StatusClassChart } from './StatusClassChart';

function MonitoringFilters() {
  const range = useMonitoringStore((s) => s.range);
  const connectionId = useMonitoringStore((s) => s.connectionId);
  const connections = useMonitoringStore((s) => s.connections);
  const setRange = useMonitoringStore((s) => s.setRange);
  const setConnection = useMonitoringStore((s) => s.setConnection);
  const names = useConnectionNames();
  const ids = [...new Set([...connections, ...Object.keys(names), ...(connectionId ? [connectionId] : [])])];
  return (
    <div className="monitoring-filters">
      <label>
        <span>Time</span>
        <TimeRangeSelect value={range} onChange={setRange} testId="monitoring-range" />
      </label>
      <label>
        <span>Connection</span>
        <select
          value={connectionId}
          onChange={(e) => setConnection(e.target.value)}
          data-testid="monitoring-connection"
        >
          <option value="">All connections</option>
          {ids.map((id) => (
            <option key={id} value={id}>
              {names[id] ?? id}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

/**
 * API call monitoring for the Dashboard: KPI tiles first (how many calls fail, with which code),
 * then the charts. A section of its own so the Dashboard can stack others (datasets) below it.
 */
export function MonitoringSection() {
  const stats = useMonitoringStore((s) => s.stats);
  const loading = useMonitoringStore((s) => s.loading);
  const error = useMonitoringStore((s) => s.error);
  const range = useMonitoringStore((s) => s.range);
  const connectionId = useMonitoringStore((s) => s.connectionId);
  const go = useRouter((s) => s.go);

  useEffect(() => {
    const store = useMonitoringStore.getState();
    void store.load();
    return store.live();
  }, []);

  const none = stats && stats.totals.calls === 0;
  return (
    <section className="monitoring" aria-labelledby="monitoring-title" data-testid="monitoring">
      <div className="section-header">
        <h2 id="monitoring-title">API calls</h2>
        <MonitoringFilters />
        <button
          type="button"
          className="link"
          onClick={() => go('logs', connectionId ? { connection: connectionId } : {})}
        >
          Open the log →
        </button>
      </div>
      {error ? (
        <div className="notice notice-error" role="alert">
          {error}
        </div>
      ) : null}
      {!stats && loading ? <p className="muted">Loading…</p> : null}
      {none ? (
        <EmptyState title="No calls in this period" testId="monitoring-empty">
          {range === 'all'
            ? 'Run a sync or test a connection: its API calls are charted here.'
            : 'Pick a longer time range, or run a sync or test a connection.'}
        </EmptyState>
      ) : stats ? (
        <>
          <KpiTiles stats={stats} />
          <div className="charts">
            <CallsOverTimeChart stats={stats} from={rangeStart(range)} />
            <FailuresByCodeChart stats={stats} />
            <StatusClassChart stats={stats} />
            <PerConnection stats={stats} />
          </div>
        </>
      ) : null}
    </section>
  );
}
