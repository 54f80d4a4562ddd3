import type { CallEvent } from '../../../../shared/models/call-event';

/**
 * RFC 4180 CSV with a guard against formula injection: a spreadsheet would execute a text cell
 * starting with = + - @ (or a tab/CR), so such cells get a leading apostrophe. Numbers are left alone.
 */
export function csvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  let s = typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: unknown[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

export const CALL_CSV_COLUMNS: [header: string, get: (e: CallEvent) => unknown][] = [
  ['time', (e) => e.time],
  ['id', (e) => e.id],
  ['duration_ms', (e) => e.durationMs],
  ['run_id', (e) => e.runId],
  ['sync_id', (e) => e.syncId],
  ['connection_id', (e) => e.connectionId],
  ['connector_id', (e) => e.connectorId],
  ['resource', (e) => e.resource],
  ['operation', (e) => e.operation],
  ['method', (e) => e.method],
  ['url', (e) => e.url],
  ['host', (e) => e.host],
  ['status', (e) => e.status],
  ['status_class', (e) => e.statusClass],
  ['error_class', (e) => e.errorClass],
  ['error_code', (e) => e.errorCode],
  ['error_message', (e) => e.errorMessage],
  ['attempt', (e) => e.attempt],
  ['retry_wait_ms', (e) => e.retryWaitMs],
  ['bytes_in', (e) => e.bytesIn],
  ['bytes_out', (e) => e.bytesOut],
  ['records_in', (e) => e.recordsIn],
  ['records_out', (e) => e.recordsOut],
  ['rate_limit', (e) => e.rateLimit],
  ['request_headers', (e) => e.requestHeaders],
  ['response_headers', (e) => e.responseHeaders],
  ['request_body', (e) => e.requestBody],
  ['response_body', (e) => e.responseBody],
];

export const callCsvHeader = () => csvLine(CALL_CSV_COLUMNS.map(([h]) => h));
export const callCsvRow = (e: CallEvent) => csvLine(CALL_CSV_COLUMNS.map(([, get]) => get(e)));
