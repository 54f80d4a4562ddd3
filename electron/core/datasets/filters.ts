import type { DatasetFilters } from '../../../shared/models/datasets';

/** WHERE clause (on the dataset table aliased `t`) for a date range in the dataset's zone and a source subset. */
export function whereFilters(
  filters: Partial<DatasetFilters>,
  extra: string[] = [],
): { sql: string; params: unknown[] } {
  const parts = [...extra];
  const params: unknown[] = [];
  if (filters.from) {
    parts.push('t._date >= ?');
    params.push(filters.from);
  }
  if (filters.to) {
    parts.push('t._date <= ?');
    params.push(filters.to);
  }
  if (filters.sources?.length) {
    parts.push(`t._source IN (${filters.sources.map(() => '?').join(', ')})`);
    params.push(...filters.sources);
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}
