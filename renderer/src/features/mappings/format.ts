/** Short, readable renderings of sample values for tables and badges. */
export function showValue(value: unknown, max = 60): string {
  if (value === undefined) return '—';
  if (value === null) return 'null';
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function formatTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}
