import type { RunCounters, RunStatus, SyncProgress } from '../../../../shared/models/sync';

export const STATUS_LABEL: Record<RunStatus, string> = {
  running: 'Running',
  succeeded: 'Succeeded',
  completed_with_errors: 'Completed with errors',
  failed: 'Failed',
  cancelled: 'Cancelled',
  interrupted: 'Interrupted',
  partial: 'Partial — continues next run',
  needs_confirmation: 'Needs confirmation',
};

export function formatWhen(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function formatEta(seconds: number | undefined): string {
  if (seconds === undefined) return '';
  if (seconds < 60) return `${seconds}s left`;
  const m = Math.floor(seconds / 60);
  return `${m} min ${seconds % 60}s left`;
}

/** "240 of 1,000 records · 85/s · 9s left" */
export function progressText(p: SyncProgress): string {
  const done =
    p.total !== undefined
      ? `${p.processed.toLocaleString()} of ${p.total.toLocaleString()} records`
      : `${p.processed.toLocaleString()} records`;
  const rate = p.ratePerSec > 0 ? ` · ${Math.round(p.ratePerSec)}/s` : '';
  const eta = formatEta(p.etaSeconds);
  return `${done}${rate}${eta ? ` · ${eta}` : ''}`;
}

/** "created 12 · updated 3 (name, phone) · unchanged 130 · failed 0 · skipped 0" */
export function countersText(c: RunCounters): string {
  const fields = Object.keys(c.updatedFields);
  return [
    `created ${c.created}`,
    `updated ${c.updated}${fields.length ? ` (${fields.join(', ')})` : ''}`,
    `unchanged ${c.unchanged}`,
    `failed ${c.failed}`,
    `skipped ${c.skipped}`,
  ].join(' · ');
}

export function formatValue(v: unknown): string {
  if (v === null || v === undefined || v === '') return '∅';
  return typeof v === 'string' ? v : JSON.stringify(v);
}
