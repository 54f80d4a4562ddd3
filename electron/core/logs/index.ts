// Public surface of the logs feature (call log, app events, exports, retention, ledger).
export { LogStore, type LogStoreOptions, type AppendedListener } from './log-store';
export { openLogDatabase, LOG_DB_FILE, type LogDatabase } from './db';
export { Redactor, redactCallEvent, REDACTED, PII, valueVariants, type RedactorOptions } from './redact';
export { Retention, type PurgeResult, type RetentionOptions } from './retention';
export { exportCalls, type ExportOptions } from './export/export-calls';
export { writeSupportBundle, type SupportBundleInput } from './export/support-bundle';
export { csvCell } from './export/csv';
export { harEntry } from './export/har';
export { Ledger } from './ledger';
