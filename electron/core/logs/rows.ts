import type { CallEvent, CallEventInput } from '../../../shared/models/call-event';
import { CallEvent as CallEventSchema } from '../../../shared/models/call-event';
import type { AppEvent } from '../../../shared/models/logs';

/** Column order of an inserted call row; mirrors INSERT_CALL in log-store.ts. */
export type CallRowValues = (string | number | null)[];

export interface CallRow {
  seq: number;
  id: string;
  time_ms: number;
  duration_ms: number;
  run_id: string | null;
  sync_id: string | null;
  connection_id: string | null;
  connector_id: string | null;
  resource: string | null;
  operation: string | null;
  method: string;
  url: string;
  host: string;
  status: number | null;
  status_class: CallEvent['statusClass'];
  error_class: string | null;
  error_code: string | null;
  error_message: string | null;
  attempt: number;
  retry_wait_ms: number | null;
  bytes_in: number;
  bytes_out: number;
  records_in: number | null;
  records_out: number | null;
  rate_limit: string | null;
  request_headers: string | null;
  response_headers: string | null;
  request_body: string | null;
  response_body: string | null;
}

const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));
const opt = <T>(v: T | undefined) => (v === undefined ? null : v);

export function callToValues(input: CallEventInput): CallRowValues {
  const e = CallEventSchema.parse(input);
  const timeMs = Date.parse(e.time);
  return [
    e.id,
    Number.isNaN(timeMs) ? Date.now() : timeMs,
    e.durationMs,
    opt(e.runId),
    opt(e.syncId),
    opt(e.connectionId),
    opt(e.connectorId),
    opt(e.resource),
    opt(e.operation),
    e.method.toUpperCase(),
    e.url,
    e.host,
    opt(e.status),
    e.statusClass,
    opt(e.errorClass),
    opt(e.errorCode),
    opt(e.errorMessage),
    e.attempt,
    opt(e.retryWaitMs),
    e.bytesIn,
    e.bytesOut,
    opt(e.recordsIn),
    opt(e.recordsOut),
    json(e.rateLimit),
    json(e.requestHeaders),
    json(e.responseHeaders),
    opt(e.requestBody),
    opt(e.responseBody),
  ];
}

export function rowToCall(r: CallRow): CallEvent {
  const e: CallEvent = {
    id: r.id,
    time: new Date(r.time_ms).toISOString(),
    durationMs: r.duration_ms,
    method: r.method,
    url: r.url,
    host: r.host,
    statusClass: r.status_class,
    attempt: r.attempt,
    bytesIn: r.bytes_in,
    bytesOut: r.bytes_out,
  };
  if (r.run_id !== null) e.runId = r.run_id;
  if (r.sync_id !== null) e.syncId = r.sync_id;
  if (r.connection_id !== null) e.connectionId = r.connection_id;
  if (r.connector_id !== null) e.connectorId = r.connector_id;
  if (r.resource !== null) e.resource = r.resource;
  if (r.operation !== null) e.operation = r.operation;
  if (r.status !== null) e.status = r.status;
  if (r.error_class !== null) e.errorClass = r.error_class;
  if (r.error_code !== null) e.errorCode = r.error_code;
  if (r.error_message !== null) e.errorMessage = r.error_message;
  if (r.retry_wait_ms !== null) e.retryWaitMs = r.retry_wait_ms;
  if (r.records_in !== null) e.recordsIn = r.records_in;
  if (r.records_out !== null) e.recordsOut = r.records_out;
  if (r.rate_limit !== null) e.rateLimit = JSON.parse(r.rate_limit);
  if (r.request_headers !== null) e.requestHeaders = JSON.parse(r.request_headers);
  if (r.response_headers !== null) e.responseHeaders = JSON.parse(r.response_headers);
  if (r.request_body !== null) e.requestBody = r.request_body;
  if (r.response_body !== null) e.responseBody = r.response_body;
  return e;
}

export interface AppRow {
  seq: number;
  id: string;
  time_ms: number;
  level: AppEvent['level'];
  kind: string;
  message: string;
  details: string | null;
  run_id: string | null;
  connection_id: string | null;
}

export function rowToApp(r: AppRow): AppEvent {
  const e: AppEvent = {
    id: r.id,
    time: new Date(r.time_ms).toISOString(),
    level: r.level,
    kind: r.kind,
    message: r.message,
  };
  if (r.details !== null) e.details = JSON.parse(r.details);
  if (r.run_id !== null) e.runId = r.run_id;
  if (r.connection_id !== null) e.connectionId = r.connection_id;
  return e;
}
