import { z } from 'zod';
import { CallEvent } from '../models/call-event';
import {
  AppEventPage,
  AppEventQuery,
  ExportFormat,
  ExportResult,
  LedgerReport,
  LedgerReportQuery,
  LogFilter,
  LogPage,
  LogQuery,
  LogStats,
  StatsQuery,
  TailResult,
} from '../models/logs';
import { channel } from './define';

/**
 * Where an export goes. The app gets it from a native save dialog (app:chooseSavePath); core still
 * checks it (absolute, existing folder) because the renderer is not trusted to send a sane path.
 */
const TargetPath = z.string().min(1).max(4096);

/** The renderer picks the id so it can match progress events that arrive before the call returns. */
const ExportId = z.string().regex(/^[\w-]{1,64}$/, 'Use letters, digits, "-" or "_" (at most 64)');

const FileFilter = z
  .object({ name: z.string().max(80), extensions: z.array(z.string().regex(/^[\w.]{1,16}$/)).max(10) })
  .strict();

/** Channels that write a file the user picks in the save dialog (`app:chooseSavePath` names one). */
export const SAVE_DIALOG_CHANNELS = [
  'logs:export',
  'logs:supportBundle',
  'ledger:export',
  'datasets:exportCsv',
] as const;
export type SaveDialogChannel = (typeof SAVE_DIALOG_CHANNELS)[number];

export const LogExportInput = z
  .object({
    format: ExportFormat,
    /** The current filter of the viewer… */
    filter: LogFilter.strict().optional(),
    /** …or exactly these calls (selected rows); takes precedence over `filter`. */
    ids: z.array(z.string().min(1)).min(1).max(10_000).optional(),
    path: TargetPath,
    exportId: ExportId.optional(),
  })
  .strict();

export const LogExportResult = ExportResult.extend({ exportId: z.string() });

export const logsChannels = {
  'logs:query': channel(
    LogQuery.strict(),
    LogPage,
    'Calls matching the filters, newest first, one keyset page at a time.',
  ),
  'logs:get': channel(
    z.object({ id: z.string().min(1) }).strict(),
    CallEvent,
    'One call with its (redacted) headers and bodies.',
  ),
  'logs:tail': channel(
    z
      .object({
        /** tailCursor of the last page read, or the cursor of the previous tail. Absent: start at the newest call. */
        cursor: z.string().optional(),
        filter: LogFilter.strict().optional(),
        limit: z.number().int().min(1).max(5000).optional(),
      })
      .strict(),
    TailResult,
    'Follow mode: calls logged after the cursor, oldest first.',
  ),
  'logs:stats': channel(
    StatsQuery.strict(),
    LogStats,
    'Monitoring figures (series, failures by code, latency, 429s) for the filters.',
  ),
  'logs:appEvents': channel(
    AppEventQuery.strict(),
    AppEventPage,
    'App events (runs started/finished, rejected webhooks…), newest first.',
  ),
  'logs:export': channel(
    LogExportInput,
    LogExportResult,
    'Stream the filtered or selected calls to a JSONL, CSV or HAR file.',
  ),
  'logs:supportBundle': channel(
    z.object({ runId: z.string().min(1).optional(), path: TargetPath, exportId: ExportId.optional() }).strict(),
    ExportResult,
    'Write a redacted .zip for a support ticket (logs of a run, versions, settings without secrets).',
  ),
  'ledger:report': channel(
    LedgerReportQuery.strict(),
    LedgerReport,
    'Data access per connection, resource and host over a period.',
  ),
  'ledger:export': channel(
    LedgerReportQuery.extend({ format: z.enum(['csv', 'html']), path: TargetPath }).strict(),
    ExportResult,
    'Write the data-access report of a period as CSV or a self-contained HTML page.',
  ),
  // Lives with the exports that need it; the app shows a native dialog, the CLI and tests get a temp path.
  'app:chooseSavePath': channel(
    z
      .object({
        suggestedName: z.string().min(1).max(200),
        filters: z.array(FileFilter).max(10).optional(),
        /** The export the path is for: the grant it gives works for that channel only. */
        for: z.enum(SAVE_DIALOG_CHANNELS),
      })
      .strict(),
    z.object({ path: z.string().nullable() }),
    'Ask where to save a file; null when the user cancels.',
  ),
};

export const logsEvents = {
  /** Throttled (at most a few per second): new rows exist; follow mode calls logs:tail. */
  'logs:appended': z.object({ count: z.number().int(), headCursor: z.string() }),
  'logs:exportProgress': z.object({ exportId: z.string(), done: z.number().int(), total: z.number().int() }),
};
