/**
 * Which files an untrusted caller (the renderer) may have core write. A path is granted only when
 * the user picked it in the native save dialog (`app:chooseSavePath`), and each grant is used once,
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
  private readonly granted = new Set<string>();

  grant(path: string): void {
    this.granted.add(path);
  }

  /** True once for a granted path, then false. */
  consume(path: string): boolean {
    return this.granted.delete(path);
  }
}
