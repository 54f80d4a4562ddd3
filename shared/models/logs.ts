import { z } from 'zod';
import { CallEvent, StatusClass } from './call-event';

/**
 * Contract shapes of the log store (call log, app events, monitoring stats, exports, ledger).
 * Dates cross the boundary as ISO 8601 strings; the store keeps epoch milliseconds.
 */

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** True for an ISO 8601 date or date-time that Date can also parse (rejects 2024-02-31 style garbage). */
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return false;
  // Date.parse rolls 2024-02-31 over to March; compare the day back to catch it.
  const day = value.slice(0, 10);
  return (
    new Date(Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10))).toISOString().slice(0, 10) === day
  );
}

export const IsoDate = z
  .string()
  .refine(isIsoDate, { message: 'Invalid date: use ISO 8601, e.g. 2024-05-01T12:00:00Z' });

/** Filters shared by the log table, follow mode, stats and exports. */
export const LogFilter = z.object({
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  syncId: z.string().optional(),
  runId: z.string().optional(),
  connectionId: z.string().optional(),
  connectorId: z.string().optional(),
  statusClass: z.union([StatusClass, z.array(StatusClass).min(1)]).optional(),
  errorCode: z.string().optional(),
  method: z.string().optional(),
  host: z.string().optional(),
  /** Full-text search (FTS5 syntax unless searchMode is 'literal') over URL, error message and bodies. */
  search: z.string().max(500).optional(),
  searchMode: z.enum(['fts', 'literal']).default('fts'),
  /** JavaScript regular expression tested against the (redacted) URL. */
  urlPattern: z.string().max(300).optional(),
  /** Exactly these calls (selected rows in the viewer). */
  ids: z.array(z.string()).max(10_000).optional(),
});
export type LogFilter = z.infer<typeof LogFilter>;
export type LogFilterInput = z.input<typeof LogFilter>;

export const LogQuery = LogFilter.extend({
  limit: z.number().int().min(1).max(1000).default(100),
  /** Opaque keyset cursor from a previous page's `nextCursor`. */
  cursor: z.string().optional(),
});
export type LogQuery = z.infer<typeof LogQuery>;
export type LogQueryInput = z.input<typeof LogQuery>;

export const LogPage = z.object({
  items: z.array(CallEvent),
  /** Present when more (older) rows exist. */
  nextCursor: z.string().optional(),
  /** Where follow mode (tail) should start to receive rows logged after this page was read. */
  tailCursor: z.string().optional(),
});
export type LogPage = z.infer<typeof LogPage>;

export const TailResult = z.object({
  items: z.array(CallEvent),
  /** Pass back to the next tail() call; unchanged when nothing new arrived. */
  cursor: z.string(),
});
export type TailResult = z.infer<typeof TailResult>;

export const AppEventLevel = z.enum(['debug', 'info', 'warn', 'error']);
export type AppEventLevel = z.infer<typeof AppEventLevel>;

/** Known kinds; any other snake_case kind is accepted so new features need no contract change. */
export const AppEventKind = z.union([
  z.enum([
    'run_started',
    'run_finished',
    'run_failed',
    'webhook_rejected',
    'keychain_unavailable',
    'ipc_rejected',
    'retention_purged',
  ]),
  z.string().regex(/^[a-z][a-z0-9_]*$/),
]);

export const AppEvent = z.object({
  id: z.string(),
  time: z.string(),
  level: AppEventLevel,
  kind: AppEventKind,
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
  runId: z.string().optional(),
  connectionId: z.string().optional(),
});
export type AppEvent = z.infer<typeof AppEvent>;

export const AppEventInput = AppEvent.partial({ id: true, time: true }).extend({
  level: AppEventLevel.default('info'),
});
export type AppEventInput = z.input<typeof AppEventInput>;

export const AppEventQuery = z.object({
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  runId: z.string().optional(),
  level: AppEventLevel.optional(),
  kind: z.string().optional(),
  limit: z.number().int().min(1).max(1000).default(100),
  cursor: z.string().optional(),
});
export type AppEventQuery = z.infer<typeof AppEventQuery>;
export type AppEventQueryInput = z.input<typeof AppEventQuery>;

export const AppEventPage = z.object({ items: z.array(AppEvent), nextCursor: z.string().optional() });
export type AppEventPage = z.infer<typeof AppEventPage>;

export const StatsQuery = LogFilter.extend({
  /** Bucket width for the time series; chosen from the range when absent (~60 buckets). */
  bucketMs: z.number().int().min(1000).optional(),
});
export type StatsQuery = z.infer<typeof StatsQuery>;
export type StatsQueryInput = z.input<typeof StatsQuery>;

export const LatencySummary = z.object({
  calls: z.number().int(),
  failures: z.number().int(),
  /** 0..1; null when there were no calls. */
  successRate: z.number().nullable(),
  p50Ms: z.number().nullable(),
  p95Ms: z.number().nullable(),
  rateLimited: z.number().int(),
  retryWaitMs: z.number(),
});
export type LatencySummary = z.infer<typeof LatencySummary>;

export const LogStats = z.object({
  bucketMs: z.number().int(),
  series: z.array(z.object({ start: z.string(), calls: z.number().int(), failures: z.number().int() })),
  failuresByCode: z.array(z.object({ errorCode: z.string(), count: z.number().int() })),
  byStatusClass: z.record(z.string(), z.number().int()),
  totals: LatencySummary,
  perConnection: z.array(LatencySummary.extend({ connectionId: z.string() })),
});
export type LogStats = z.infer<typeof LogStats>;

export const RetentionSettings = z.object({
  maxAgeDays: z.number().positive().default(30),
  maxBytes: z
    .number()
    .int()
    .positive()
    .default(1024 * 1024 * 1024),
});
export type RetentionSettings = z.infer<typeof RetentionSettings>;

export const ExportFormat = z.enum(['jsonl', 'csv', 'har']);
export type ExportFormat = z.infer<typeof ExportFormat>;

export const ExportProgress = z.object({ done: z.number().int(), total: z.number().int() });
export type ExportProgress = z.infer<typeof ExportProgress>;

export const ExportResult = z.object({ path: z.string(), rows: z.number().int(), bytes: z.number().int() });
export type ExportResult = z.infer<typeof ExportResult>;

/** How a connection authenticated: a reference only, never the value (strict: no extra keys). */
export const CredentialRef = z.strictObject({ connectionId: z.string(), authKind: z.string() });
export type CredentialRef = z.infer<typeof CredentialRef>;

export const LedgerEntryInput = z.object({
  time: IsoDate.optional(),
  flowKind: z.enum(['run', 'webhook']),
  /** Run id or webhook delivery id. */
  flowId: z.string(),
  syncId: z.string().optional(),
  connectionId: z.string(),
  resource: z.string(),
  direction: z.enum(['read', 'write']),
  fields: z.array(z.string()),
  recordCount: z.number().int().nonnegative(),
  host: z.string(),
  credential: CredentialRef,
  integratorHeader: z.string().optional(),
});
export type LedgerEntryInput = z.input<typeof LedgerEntryInput>;
export type LedgerEntry = z.infer<typeof LedgerEntryInput> & { id: number; time: string };

export const LedgerReportQuery = z.object({
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  connectionId: z.string().optional(),
  flowId: z.string().optional(),
});
export type LedgerReportQuery = z.infer<typeof LedgerReportQuery>;

export const LedgerReportRow = z.object({
  connectionId: z.string(),
  resource: z.string(),
  direction: z.enum(['read', 'write']),
  host: z.string(),
  authKind: z.string(),
  integratorHeader: z.string().nullable(),
  fields: z.array(z.string()),
  records: z.number().int(),
  flows: z.number().int(),
  firstSeen: z.string(),
  lastSeen: z.string(),
});
export type LedgerReportRow = z.infer<typeof LedgerReportRow>;

export const LedgerReport = z.object({
  from: z.string().nullable(),
  to: z.string().nullable(),
  generatedAt: z.string(),
  rows: z.array(LedgerReportRow),
});
export type LedgerReport = z.infer<typeof LedgerReport>;
