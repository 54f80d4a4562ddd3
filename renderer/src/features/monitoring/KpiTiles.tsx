import type { LogStats } from '../../../../shared/models/logs';
import { formatCount, formatDuration, formatPercent } from '../logs/format';

function Tile(props: {
  label: string;
  value: string;
  hint?: string;
  tone?: 'ok' | 'fail' | 'warn';
  text?: boolean;
  testId: string;
}) {
  return (
    <div
      className={`kpi${props.tone ? ` kpi-${props.tone}` : ''}${props.text ? ' kpi-text' : ''}`}
      data-testid={props.testId}
    >
      <div className="kpi-label">{props.label}</div>
      <div className="kpi-value">{props.value}</div>
      {props.hint ? <div className="kpi-hint">{props.hint}</div> : null}
    </div>
  );
}

/** The answer at a glance: how many calls, how many failed, with which error code, how fast. */
export function KpiTiles({ stats }: { stats: LogStats }) {
  const t = stats.totals;
  const top = stats.failuresByCode[0];
  const rate = t.successRate;
  return (
    <div className="kpis" data-testid="monitoring-kpis">
      <Tile label="Calls" value={formatCount(t.calls)} testId="kpi-calls" />
      {/* Call attempts, retried ones included: the health above says whether records went through. */}
      <Tile
        label="Failed calls"
        value={formatCount(t.failures)}
        hint={t.calls ? `${formatPercent(t.failures / t.calls)} of attempts, retries included` : undefined}
        tone={t.failures ? 'warn' : 'ok'}
        testId="kpi-failures"
      />
      <Tile
        label="Top error code"
        value={top ? top.errorCode : 'none'}
        hint={top ? `${formatCount(top.count)} call${top.count === 1 ? '' : 's'}` : 'no failures'}
        tone={top ? 'fail' : 'ok'}
        text
        testId="kpi-top-error"
      />
      <Tile
        label="Success rate"
        value={formatPercent(rate)}
        tone={rate === null ? undefined : rate >= 0.99 ? 'ok' : rate >= 0.9 ? 'warn' : 'fail'}
        testId="kpi-success"
      />
      <Tile label="Latency p50" value={formatDuration(t.p50Ms)} hint="half of the calls took less" testId="kpi-p50" />
      <Tile label="Latency p95" value={formatDuration(t.p95Ms)} hint="95 % of the calls took less" testId="kpi-p95" />
      <Tile
        label="429 responses"
        value={formatCount(t.rateLimited)}
        hint={`waited ${formatDuration(t.retryWaitMs)} in retries`}
        tone={t.rateLimited ? 'warn' : undefined}
        testId="kpi-429"
      />
    </div>
  );
}
