import {
  LedgerEntryInput as LedgerEntrySchema,
  LedgerReportQuery,
  type LedgerEntry,
  type LedgerEntryInput,
  type LedgerReport,
  type LedgerReportRow,
} from '../../../shared/models/logs';
import type { LogDatabase } from './db';
import { writeFileAtomically, type OpenStream } from './export/file-sink';
import { ledgerCsv, ledgerHtml } from './ledger-report';
import { Redactor } from './redact';
import { checkRange, parseInput } from './validate';
import { SqlWhere } from './sql-where';

interface LedgerRow {
  connection_id: string;
  resource: string;
  direction: 'read' | 'write';
  host: string;
  auth_kind: string;
  integrator_header: string | null;
  fields: string;
  records: number;
  flows: number;
  first_ms: number;
  last_ms: number;
}

/**
 * Data-access ledger (traceability, GDPR): which connection read or wrote which resource and
 * fields, how many records, to which host, under which credential (a reference: connection id +
 * auth kind, never the value) and integrator header. Lives in logs.db so retention covers it.
 */
export class Ledger {
  private readonly insert;

  constructor(
    private readonly db: LogDatabase,
    private readonly redactor: Redactor = new Redactor(),
    private readonly clock: () => number = Date.now,
  ) {
    this.insert = db.prepare(`INSERT INTO data_access
      (time_ms, flow_kind, flow_id, sync_id, connection_id, resource, direction, fields, record_count, host, auth_kind, integrator_header)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  }

  record(input: LedgerEntryInput): LedgerEntry {
    const e = parseInput(LedgerEntrySchema, input, 'ledger entry');
    const timeMs = e.time ? Date.parse(e.time) : this.clock();
    const fields = [...new Set(e.fields)].sort();
    // The integrator header is not meant to be secret, but it is free text chosen by a user.
    const integrator = e.integratorHeader === undefined ? null : this.redactor.text(e.integratorHeader);
    const info = this.insert.run(
      timeMs,
      e.flowKind,
      e.flowId,
      e.syncId ?? null,
      e.connectionId,
      e.resource,
      e.direction,
      JSON.stringify(fields),
      e.recordCount,
      e.host,
      e.credential.authKind,
      integrator,
    );
    return {
      ...e,
      fields,
      integratorHeader: integrator ?? undefined,
      id: Number(info.lastInsertRowid),
      time: new Date(timeMs).toISOString(),
    };
  }

  /** Aggregated per connection × resource × direction × host × credential over the period. */
  report(input: unknown = {}): LedgerReport {
    const q = parseInput(LedgerReportQuery, input, 'ledger report query');
    checkRange(q.from, q.to);
    const where = new SqlWhere().timeRange(q.from, q.to);
    if (q.connectionId) where.add('connection_id = ?', q.connectionId);
    if (q.flowId) where.add('flow_id = ?', q.flowId);
    const rows = this.db
      .prepare(
        `SELECT connection_id, resource, direction, host, auth_kind, integrator_header,
           json_group_array(fields) fields, sum(record_count) records, count(DISTINCT flow_id) flows, min(time_ms) first_ms, max(time_ms) last_ms
         FROM data_access ${where}
         GROUP BY connection_id, resource, direction, host, auth_kind, integrator_header
         ORDER BY connection_id, resource, direction, host`,
      )
      .all(...where.params) as LedgerRow[];
    const out: LedgerReportRow[] = rows.map((r) => ({
      connectionId: r.connection_id,
      resource: r.resource,
      direction: r.direction,
      host: r.host,
      authKind: r.auth_kind,
      integratorHeader: r.integrator_header,
      fields: [...new Set((JSON.parse(r.fields) as string[]).flatMap((f) => JSON.parse(f) as string[]))].sort(),
      records: r.records,
      flows: r.flows,
      firstSeen: new Date(r.first_ms).toISOString(),
      lastSeen: new Date(r.last_ms).toISOString(),
    }));
    return { from: q.from ?? null, to: q.to ?? null, generatedAt: new Date(this.clock()).toISOString(), rows: out };
  }

  async exportReport(
    report: LedgerReport,
    path: string,
    format: 'csv' | 'html',
    options: { openStream?: OpenStream } = {},
  ): Promise<number> {
    const text = format === 'csv' ? ledgerCsv(report) : ledgerHtml(report);
    return writeFileAtomically(path, (sink) => sink.write(text), options);
  }
}
