/**
 * App events (run started, IPC call rejected, keychain unavailable…). Core code reports them here;
 * the log store persists them (redacted) once it is attached. Until then they go to stderr, so
 * nothing is lost during start-up.
 */
export type AppEventLevel = 'debug' | 'info' | 'warn' | 'error';

export interface AppLog {
  event(level: AppEventLevel, kind: string, message: string, details?: Record<string, unknown>): void;
}

export class StderrAppLog implements AppLog {
  constructor(private readonly quiet = false) {}
  event(level: AppEventLevel, kind: string, message: string): void {
    if (this.quiet || level === 'debug' || level === 'info') return;
    process.stderr.write(`[${level}] ${kind}: ${message}\n`);
  }
}
