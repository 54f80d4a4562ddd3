import { useEffect, useState } from 'react';
import type { CallEvent } from '../../../../shared/models/call-event';
import type { LatencySummary } from '../../../../shared/models/logs';
import { api, errorMessage, unwrap } from '../../api';
import { useRouter } from '../../router';
import { formatDuration, formatPercent, formatTime, hostAndPath, statusLabel } from '../logs/format';
import { rangeStart, type TimeRange } from '../logs/filters';

/**
 * A compact health panel for one connection (success rate, p95, the last errors), meant to be
 * embedded on the Connections page. Self-contained: it loads its own figures.
 */
export function ConnectionMonitorPanel(props: { connectionId: string; range?: TimeRange }) {
  const { connectionId, range = '24h' } = props;
  const go = useRouter((s) => s.go);
  const [summary, setSummary] = useState<LatencySummary>();
  const [errors, setErrors] = useState<CallEvent[]>([]);
  const [failure, setFailure] = useState<string>();

  useEffect(() => {
    let live = true;
    const from = rangeStart(range);
    const filter = { connectionId, ...(from ? { from } : {}) };
    Promise.all([
      unwrap(api.logs.stats(filter)),
      unwrap(api.logs.query({ ...filter, statusClass: ['4xx', '5xx', 'network'], limit: 5 })),
    ])
      .then(([stats, page]) => {
        if (!live) return;
        setSummary(stats.totals);
        setErrors(page.items);
      })
      .catch((error) => live && setFailure(errorMessage(error)));
    return () => {
      live = false;
    };
  }, [connectionId, range]);

  if (failure) return <p className="error-text">{failure}</p>;
  if (!summary) return <p className="muted">Loading call figures…</p>;
  return (
    <div className="connection-monitor" data-testid="connection-monitor">
      <div className="connection-monitor-figures">
        <span>
          <strong>{formatPercent(summary.successRate)}</strong> success
        </span>
        <span>
          <strong>{formatDuration(summary.p95Ms)}</strong> p95
        </span>
        <span>
          <strong>{summary.calls}</strong> calls
        </span>
        {summary.rateLimited ? (
          <span>
            <strong>{summary.rateLimited}</strong> × 429
          </span>
        ) : null}
      </div>
      {errors.length ? (
        <ul className="connection-monitor-errors">
          {errors.map((e) => (
            <li key={e.id}>
              <span className={`status-pill status-${e.statusClass}`}>{statusLabel(e)}</span> {formatTime(e.time)} ·{' '}
              {e.errorCode ?? ''} · {hostAndPath(e)}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No failed calls in this period.</p>
      )}
      <button type="button" className="link" onClick={() => go('logs', { connection: connectionId })}>
        All calls of this connection →
      </button>
    </div>
  );
}
