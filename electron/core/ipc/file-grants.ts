/**
 * Which files an untrusted caller (the renderer) may have core write. A path is granted only when
 * the user picked it in the native save dialog (`app:chooseSavePath`), for the channel the dialog was
 * opened for, and each grant is used once,
 * so a compromised page cannot make an export overwrite logs.db or another file of its choosing.
 * Trusted callers (the CLI, tests) pass their own paths and use no grants.
 */
export const FILE_WRITING_CHANNELS: ReadonlySet<string> = new Set([
  'logs:export',
  'logs:supportBundle',
  'ledger:export',
  'datasets:exportCsv',
  // Workspace folders: written by export, read by plan/apply; granted by the folder dialog.
  'workspace:export',
  'workspace:plan',
  'workspace:apply',
]);

export class FileGrants {
  /** Path → the channels that may use it; one use in all. */
  private readonly granted = new Map<string, ReadonlySet<string>>();

  /** A grant is bound to the channels the dialog was opened for: a path picked for one export cannot feed another. */
  grant(path: string, channels: readonly string[]): void {
    this.granted.set(path, new Set(channels));
  }

  /** True once for a path granted to this channel, then false. Another channel's try leaves the grant alone. */
  consume(path: string, channel: string): boolean {
    if (!this.granted.get(path)?.has(channel)) return false;
    return this.granted.delete(path);
  }
}
