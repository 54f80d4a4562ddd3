import { AppError } from '../../../shared/errors';
import type { LogFilter } from '../../../shared/models/logs';
import { errorMessage } from '../../../shared/error-message';

/** A WHERE clause (without the keyword) and its bound parameters. */
export interface SqlWhere {
  where: string[];
  params: unknown[];
}

/** Quote each term so arbitrary user text (dots, slashes, colons) searches literally. */
export function literalFtsQuery(text: string): string {
  return text
    .split(/\s+/)
    .filter(Boolean)
    .map((t) => `"${t.replace(/"/g, '""')}"`)
    .join(' ');
}

/** Validate a URL regex up front so a bad pattern is a clear invalid_input, not a failure mid-query. */
export function compileUrlPattern(pattern: string): RegExp {
  try {
    return new RegExp(pattern);
  } catch (err) {
    throw new AppError(
      'invalid_input',
      `Invalid URL pattern (filter "urlPattern"): ${errorMessage(err)}. Use a JavaScript regular expression, e.g. /contacts/\\d+.`,
      {
        field: 'urlPattern',
      },
    );
  }
}

/** Translate the filters into SQL over call_events aliased `c`. Dates are already validated ISO strings. */
export function filterToSql(f: LogFilter): SqlWhere {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.from !== undefined) {
    where.push('c.time_ms >= ?');
    params.push(Date.parse(f.from));
  }
  if (f.to !== undefined) {
    where.push('c.time_ms < ?');
    params.push(Date.parse(f.to));
  }
  const eq: [keyof LogFilter, string][] = [
    ['syncId', 'sync_id'],
    ['runId', 'run_id'],
    ['connectionId', 'connection_id'],
    ['connectorId', 'connector_id'],
    ['errorCode', 'error_code'],
    ['host', 'host'],
  ];
  for (const [key, col] of eq) {
    const v = f[key];
    if (typeof v === 'string') {
      where.push(`c.${col} = ?`);
      params.push(v);
    }
  }
  if (f.method) {
    where.push('c.method = ?');
    params.push(f.method.toUpperCase());
  }
  if (f.statusClass !== undefined) {
    const classes = Array.isArray(f.statusClass) ? f.statusClass : [f.statusClass];
    where.push(`c.status_class IN (${classes.map(() => '?').join(',')})`);
    params.push(...classes);
  }
  if (f.ids) {
    if (f.ids.length === 0) where.push('0');
    else {
      where.push(`c.id IN (${f.ids.map(() => '?').join(',')})`);
      params.push(...f.ids);
    }
  }
  if (f.urlPattern) {
    compileUrlPattern(f.urlPattern);
    where.push('regexp(?, c.url)');
    params.push(f.urlPattern);
  }
  if (f.search && f.search.trim()) {
    const q = f.searchMode === 'literal' ? literalFtsQuery(f.search) : f.search;
    where.push('c.seq IN (SELECT rowid FROM call_fts WHERE call_fts MATCH ?)');
    params.push(q);
  }
  return { where, params };
}

/** Turn SQLite's FTS5 parse errors into a message a user can act on (never the raw SQLite text). */
export function mapSearchError(err: unknown, search: string | undefined): never {
  const message = errorMessage(err);
  if (search !== undefined && /fts5|no such column|unterminated string|malformed MATCH/i.test(message)) {
    throw new AppError(
      'invalid_input',
      'The search text is not a valid full-text query (filter "search"). Check quotes and parentheses, or put literal text such as api.example.com in double quotes.',
      { field: 'search' },
    );
  }
  throw err;
}
