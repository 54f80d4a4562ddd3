import { z } from 'zod';

/**
 * One structured record per HTTP/SOAP call made by the connector runtime. It is built only
 * after redaction (auth headers, cookies, token-like query params, known secret values and
 * PII-flagged fields masked), so a CallEvent can never carry a secret into the log store.
 */
export const StatusClass = z.enum(['2xx', '3xx', '4xx', '5xx', 'network']);
export type StatusClass = z.infer<typeof StatusClass>;

export const CallEvent = z.object({
  id: z.string(),
  /** ISO 8601 time the request started. */
  time: z.string(),
  durationMs: z.number().nonnegative(),
  runId: z.string().optional(),
  syncId: z.string().optional(),
  connectionId: z.string().optional(),
  connectorId: z.string().optional(),
  resource: z.string().optional(),
  operation: z.string().optional(),
  method: z.string(),
  /** Redacted URL (secret query params replaced by `[REDACTED]`). */
  url: z.string(),
  host: z.string(),
  status: z.number().int().optional(),
  statusClass: StatusClass,
  errorClass: z.string().optional(),
  errorCode: z.string().optional(),
  errorMessage: z.string().optional(),
  attempt: z.number().int().positive().default(1),
  retryWaitMs: z.number().nonnegative().optional(),
  bytesIn: z.number().int().nonnegative().default(0),
  bytesOut: z.number().int().nonnegative().default(0),
  recordsIn: z.number().int().nonnegative().optional(),
  recordsOut: z.number().int().nonnegative().optional(),
  rateLimit: z.record(z.string(), z.string()).optional(),
  requestHeaders: z.record(z.string(), z.string()).optional(),
  responseHeaders: z.record(z.string(), z.string()).optional(),
  /** Truncated to the configured size; already redacted. */
  requestBody: z.string().optional(),
  responseBody: z.string().optional(),
});
export type CallEvent = z.infer<typeof CallEvent>;
export type CallEventInput = z.input<typeof CallEvent>;

export function statusClassOf(status: number | undefined): StatusClass {
  if (status === undefined || status === 0) return 'network';
  if (status < 300) return '2xx';
  if (status < 400) return '3xx';
  if (status < 500) return '4xx';
  return '5xx';
}
