import type { LogStats } from '../../../../shared/models/logs';

const MAX_POINTS = 400;

/**
 * Core returns only buckets that had calls; a chart needs the empty ones too, or a quiet hour
 * would be drawn as a straight line between two busy ones. Fills from `fromIso` (or the first
 * bucket) to `nowMs`.
 */
export function fillSeries(stats: LogStats, fromIso: string | undefined, nowMs = Date.now()): LogStats['series'] {
  const step = stats.bucketMs;
  const known = new Map(stats.series.map((p) => [Date.parse(p.start), p]));
  const firstKnown = stats.series.length ? Date.parse(stats.series[0]!.start) : nowMs;
  const start = Math.floor((fromIso ? Math.min(Date.parse(fromIso), firstKnown) : firstKnown) / step) * step;
  const end = Math.max(nowMs, stats.series.length ? Date.parse(stats.series[stats.series.length - 1]!.start) : nowMs);
  if ((end - start) / step > MAX_POINTS) return stats.series;
  const out: LogStats['series'] = [];
  for (let t = start; t <= end; t += step)
    out.push(known.get(t) ?? { start: new Date(t).toISOString(), calls: 0, failures: 0 });
  return out;
}
