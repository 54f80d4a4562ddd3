import type { LedgerReport } from '../../../shared/models/logs';
import { csvLine } from './export/csv';

const HEADERS = [
  'connection',
  'resource',
  'direction',
  'host',
  'credential (auth kind)',
  'integrator header',
  'fields',
  'records',
  'flows',
  'first seen',
  'last seen',
];

export function ledgerCsv(report: LedgerReport): string {
  return (
    csvLine(HEADERS) +
    report.rows
      .map((r) =>
        csvLine([
          r.connectionId,
          r.resource,
          r.direction,
          r.host,
          r.authKind,
          r.integratorHeader ?? '',
          r.fields.join(' '),
          r.records,
          r.flows,
          r.firstSeen,
          r.lastSeen,
        ]),
      )
      .join('')
  );
}

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A self-contained page (inline CSS, no scripts, no external assets) that prints well as a PDF. */
export function ledgerHtml(report: LedgerReport): string {
  const period = `${report.from ?? 'the beginning'} – ${report.to ?? 'now'}`;
  const rows = report.rows
    .map(
      (r) =>
        `<tr><td>${esc(r.connectionId)}</td><td>${esc(r.resource)}</td><td class="${r.direction}">${r.direction}</td><td>${esc(r.host)}</td>` +
        `<td>${esc(r.authKind)}</td><td>${esc(r.integratorHeader ?? '')}</td><td>${r.fields.map((f) => `<code>${esc(f)}</code>`).join(' ')}</td>` +
        `<td class="n">${r.records}</td><td class="n">${r.flows}</td><td>${esc(r.firstSeen)}</td><td>${esc(r.lastSeen)}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Patchbay — data access report</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:2rem;color:#222}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f3f3}td.n{text-align:right}td.write{color:#a33}td.read{color:#236}code{background:#f6f6f6;padding:0 .2rem}
</style></head><body>
<h1>Data access report</h1>
<p>Period: ${esc(period)}. Generated ${esc(report.generatedAt)}. Credentials are shown as the connection and auth kind only, never a value.</p>
<table><thead><tr>${HEADERS.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead>
<tbody>
${rows || '<tr><td colspan="11">No data access recorded in this period.</td></tr>'}
</tbody></table>
</body></html>
`;
}
