import type { StatusClass } from '../../../../shared/models/call-event';
import type { LogFilterInput } from '../../../../shared/models/logs';

/** Relative ranges are turned into a `from` date at query time, so "last hour" stays the last hour. */
export const TIME_RANGES = [
  { id: '15m', label: 'Last 15 minutes', ms: 15 * 60_000 },
  { id: '1h', label: 'Last hour', ms: 3_600_000 },
  { id: '24h', label: 'Last 24 hours', ms: 86_400_000 },
  { id: '7d', label: 'Last 7 days', ms: 7 * 86_400_000 },
  { id: '30d', label: 'Last 30 days', ms: 30 * 86_400_000 },
  { id: 'all', label: 'All time', ms: 0 },
] as const;
export type TimeRange = (typeof TIME_RANGES)[number]['id'];

export const STATUS_CLASSES: StatusClass[] = ['2xx', '3xx', '4xx', '5xx', 'network'];
export const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

/** What the filter bar edits; empty strings mean "any". */
export interface ViewerFilter {
  range: TimeRange;
  runId: string;
  syncId: string;
  connectionId: string;
  statusClasses: StatusClass[];
  errorCode: string;
  method: string;
  search: string;
}

export const EMPTY_FILTER: ViewerFilter = {
  range: 'all',
  runId: '',
  syncId: '',
  connectionId: '',
  statusClasses: [],
  errorCode: '',
  method: '',
  search: '',
};

export function rangeStart(range: TimeRange, now = Date.now()): string | undefined {
  const ms = TIME_RANGES.find((r) => r.id === range)?.ms ?? 0;
  return ms ? new Date(now - ms).toISOString() : undefined;
}

/** The contract's filter for what the bar shows (only the fields that are set). */
export function toLogFilter(f: ViewerFilter, now = Date.now()): LogFilterInput {
  const out: LogFilterInput = {};
  const from = rangeStart(f.range, now);
  if (from) out.from = from;
  if (f.runId.trim()) out.runId = f.runId.trim();
  if (f.syncId.trim()) out.syncId = f.syncId.trim();
  if (f.connectionId.trim()) out.connectionId = f.connectionId.trim();
  if (f.statusClasses.length) out.statusClass = f.statusClasses;
  if (f.errorCode.trim()) out.errorCode = f.errorCode.trim();
  if (f.method) out.method = f.method;
  if (f.search.trim()) out.search = f.search.trim();
  return out;
}

export function isFiltered(f: ViewerFilter): boolean {
  return Object.keys(toLogFilter(f)).length > 0;
}

/**
 * Deep links (#/logs?run=ID, ?sync=, ?connection=, ?status=4xx,5xx, ?code=) start from a clean
 * filter so a link always shows exactly what it names.
 */
export function filterFromRoute(params: Record<string, string>): ViewerFilter | null {
  const keys = ['run', 'sync', 'connection', 'status', 'code', 'search'];
  if (!keys.some((k) => params[k])) return null;
  const statuses = (params.status ?? '')
    .split(',')
    .filter((s): s is StatusClass => (STATUS_CLASSES as string[]).includes(s));
  return {
    ...EMPTY_FILTER,
    runId: params.run ?? '',
    syncId: params.sync ?? '',
    connectionId: params.connection ?? '',
    statusClasses: statuses,
    errorCode: params.code ?? '',
    search: params.search ?? '',
  };
}
