import type { AppEventLevel, AppLog } from '../app-log';
import type { LogStore } from './log-store';
import { errorMessage } from '../../../shared/error-message';

/** Core's AppLog backed by the log store: app events land (redacted) next to the call log. */
export class LogStoreAppLog implements AppLog {
  constructor(
    private readonly store: LogStore,
    private readonly fallback?: AppLog,
  ) {}

  event(level: AppEventLevel, kind: string, message: string, details?: Record<string, unknown>): void {
    try {
      const safeKind = /^[a-z][a-z0-9_]*$/.test(kind) ? kind : 'app_event';
      this.store.appendAppEvent({
        level,
        kind: safeKind,
        message,
        details,
        runId: typeof details?.runId === 'string' ? details.runId : undefined,
        connectionId: typeof details?.connectionId === 'string' ? details.connectionId : undefined,
      });
    } catch (error) {
      // Logging must never break the caller; say it where a developer will see it.
      this.fallback?.event('error', 'log_write_failed', `${kind}: ${errorMessage(error)}`);
    }
  }
}
