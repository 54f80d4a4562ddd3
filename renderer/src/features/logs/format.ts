import type { CallEvent } from '../../../../shared/models/call-event';

const clock = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});
const dated = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

/** Today's calls show the clock to the millisecond (ordering matters); older ones their date too. */
export function formatTime(iso: string, now = new Date()): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toDateString() === now.toDateString()
    ? `${clock.format(d)}.${String(d.getMilliseconds()).padStart(3, '0')}`
    : dated.format(d);
}

export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

export function formatPercent(ratio: number | null | undefined): string {
  return ratio === null || ratio === undefined
    ? '–'
    : `${(ratio * 100).toFixed(ratio >= 0.999 || ratio === 0 ? 0 : 1)} %`;
}

export function formatCount(n: number): string {
  return n.toLocaleString();
}

/** Host and path without the query string: what identifies an endpoint at a glance. */
export function hostAndPath(call: Pick<CallEvent, 'url' | 'host'>): string {
  try {
    const u = new URL(call.url);
    return `${u.host}${u.pathname}`;
  } catch {
    return call.url.split('?')[0] ?? call.url;
  }
}

export function statusLabel(call: Pick<CallEvent, 'status' | 'statusClass'>): string {
  return call.status ? String(call.status) : call.statusClass === 'network' ? 'network' : '–';
}
