import type { LogStats, StatsQuery, LatencySummary } from '../../../shared/models/logs';
import type { LogDatabase } from './db';
import { filterToSql } from './filter-sql';

const FAILURE = `(c.status_class IN ('4xx','5xx','network') OR c.error_code IS NOT NULL)`;
const NICE_BUCKETS = [60_000, 300_000, 900_000, 3_600_000, 3 * 3_600_000, 6 * 3_600_000, 86_400_000, 7 * 86_400_000];

/** About 60 points whatever the range, snapped to a readable width (1 min … 1 week). */
export function pickBucketMs(fromMs: number, toMs: number): number {
  const target = Math.max(1, (toMs - fromMs) / 60);
  return NICE_BUCKETS.find((b) => b >= target) ?? NICE_BUCKETS[NICE_BUCKETS.length - 1]!;
}

interface SummaryRow {
  key: string | null;
  calls: number;
  failures: number;
  rate_limited: number;
  retry_wait: number | null;
  p50: number | null;
  p95: number | null;
}

/**
 * Monitoring figures over the filtered calls. Percentiles use nearest rank from a window
 * function (SQLite has no percentile aggregate in every build), computed per connection and overall
 * in one pass.
 */
export function computeStats(db: LogDatabase, q: StatsQuery, nowMs: number): LogStats {
  const { where, params } = filterToSql(q);
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const fromMs = q.from
    ? Date.parse(q.from)
    : ((db.prepare(`SELECT min(c.time_ms) m FROM call_events c ${whereSql}`).get(...params) as { m: number | null })
        .m ?? nowMs);
  const toMs = q.to ? Date.parse(q.to) : nowMs;
  const bucketMs = q.bucketMs ?? pickBucketMs(fromMs, toMs);

  const series = (
    db
      .prepare(
        `SELECT (c.time_ms / CAST(? AS INTEGER)) * CAST(? AS INTEGER) AS b, count(*) calls, sum(${FAILURE}) failures
         FROM call_events c ${whereSql} GROUP BY b ORDER BY b`,
      )
      .all(bucketMs, bucketMs, ...params) as { b: number; calls: number; failures: number }[]
  ).map((r) => ({ start: new Date(r.b).toISOString(), calls: r.calls, failures: r.failures }));

  const failuresByCode = db
    .prepare(
      `SELECT coalesce(c.error_code, CASE WHEN c.status IS NOT NULL THEN 'http_' || c.status ELSE c.status_class END) AS errorCode, count(*) count
       FROM call_events c ${whereSql ? `${whereSql} AND` : 'WHERE'} ${FAILURE}
       GROUP BY errorCode ORDER BY count DESC, errorCode LIMIT 50`,
    )
    .all(...params) as { errorCode: string; count: number }[];

  const byStatusClass: Record<string, number> = {};
  for (const r of db
    .prepare(`SELECT c.status_class k, count(*) n FROM call_events c ${whereSql} GROUP BY k`)
    .all(...params) as { k: string; n: number }[]) {
    byStatusClass[r.k] = r.n;
  }

  const summarySql = (keyExpr: string) => `
    WITH f AS (
      SELECT ${keyExpr} AS key, c.duration_ms d, ${FAILURE} AS failed, (c.status = 429) AS limited, coalesce(c.retry_wait_ms, 0) AS wait
      FROM call_events c ${whereSql}
    ), r AS (
      SELECT *, row_number() OVER (PARTITION BY key ORDER BY d) rn, count(*) OVER (PARTITION BY key) n FROM f
    )
    SELECT key, count(*) calls, sum(failed) failures, sum(limited) rate_limited, sum(wait) retry_wait,
      min(CASE WHEN rn * 100 >= n * 50 THEN d END) p50, min(CASE WHEN rn * 100 >= n * 95 THEN d END) p95
    FROM r GROUP BY key ORDER BY calls DESC`;
  const toSummary = (r: SummaryRow | undefined): LatencySummary => ({
    calls: r?.calls ?? 0,
    failures: r?.failures ?? 0,
    successRate: r && r.calls > 0 ? (r.calls - r.failures) / r.calls : null,
    p50Ms: r?.p50 ?? null,
    p95Ms: r?.p95 ?? null,
    rateLimited: r?.rate_limited ?? 0,
    retryWaitMs: r?.retry_wait ?? 0,
  });
  const totals = toSummary(db.prepare(summarySql(`''`)).get(...params) as SummaryRow | undefined);
  const perConnection = (db.prepare(summarySql(`coalesce(c.connection_id, '')`)).all(...params) as SummaryRow[]).map(
    (r) => ({
      connectionId: r.key ?? '',
      ...toSummary(r),
    }),
  );
  return { bucketMs, series, failuresByCode, byStatusClass, totals, perConnection };
}
