/** Small helpers so every command prints the same way: a table for people, JSON for scripts. */
export function formatTable(rows: Record<string, unknown>[], columns: string[]): string {
  if (rows.length === 0) return '(none)';
  const cells = rows.map((row) => columns.map((c) => stringify(row[c])));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i]!.length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.toUpperCase())), ...cells.map(line)].join('\n');
}

function stringify(value: unknown): string {
  if (value === undefined || value === null) return '-';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** A single-line progress bar for long work in a terminal; silent when stdout is not a TTY. */
export function progressLine(done: number, total: number | undefined, label: string): string {
  if (!total) return `${label}: ${done}`;
  const width = 30;
  const filled = Math.round((Math.min(done, total) / total) * width);
  return `${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}`;
}
