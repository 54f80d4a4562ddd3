import { useEffect } from 'react';
import { lastDays, useLedgerStore } from '../../stores/ledger';

const PRESETS = [7, 30, 90, 365];

/**
 * The data-access ledger (traceability, GDPR): for a period, which connection read or wrote which
 * resource and fields, how many records, to which host under which credential. Exportable as CSV or
 * a self-contained HTML page for an auditor.
 */
export function DataAccessSection() {
  const period = useLedgerStore((s) => s.period);
  const report = useLedgerStore((s) => s.report);
  const loading = useLedgerStore((s) => s.loading);
  const error = useLedgerStore((s) => s.error);
  const message = useLedgerStore((s) => s.exportMessage);
  const setPeriod = useLedgerStore((s) => s.setPeriod);
  const exportReport = useLedgerStore((s) => s.exportReport);

  useEffect(() => {
    void useLedgerStore.getState().load();
  }, []);

  return (
    <section className="card data-access" aria-labelledby="data-access-title" data-testid="data-access">
      <h2 id="data-access-title">Data access</h2>
      <p className="muted">
        Which connection read or sent which fields, how many records, to which host and under which credential (shown as
        the connection and its auth kind, never a secret).
      </p>
      <div className="data-access-controls">
        <div className="chips" role="group" aria-label="Period presets">
          {PRESETS.map((n) => (
            <button key={n} type="button" className="chip" onClick={() => setPeriod(lastDays(n))}>
              {n === 365 ? 'Last year' : `Last ${n} days`}
            </button>
          ))}
        </div>
        <label>
          From{' '}
          <input
            type="date"
            value={period.from}
            max={period.to || undefined}
            onChange={(e) => setPeriod({ ...period, from: e.target.value })}
            data-testid="data-access-from"
          />
        </label>
        <label>
          To{' '}
          <input
            type="date"
            value={period.to}
            min={period.from || undefined}
            onChange={(e) => setPeriod({ ...period, to: e.target.value })}
            data-testid="data-access-to"
          />
        </label>
        <button type="button" onClick={() => void exportReport('csv')} data-testid="data-access-export-csv">
          Export CSV
        </button>
        <button type="button" onClick={() => void exportReport('html')} data-testid="data-access-export-html">
          Export HTML
        </button>
      </div>
      {message ? (
        <p
          className={message.error ? 'error-text' : 'muted'}
          role="status"
          data-testid="data-access-export-status"
          data-export-path={message.path}
        >
          {message.text}
        </p>
      ) : null}
      {error ? (
        <p className="error-text" role="alert">
          {error}
        </p>
      ) : null}
      {report && report.rows.length === 0 && !loading ? (
        <p className="muted" data-testid="data-access-empty">
          No data access was recorded in this period.
        </p>
      ) : null}
      {report && report.rows.length ? (
        <div className="table-scroll">
          <table data-testid="data-access-table">
            <thead>
              <tr>
                <th>Connection</th>
                <th>Resource</th>
                <th>Direction</th>
                <th>Host</th>
                <th>Credential</th>
                <th>Integrator header</th>
                <th>Fields</th>
                <th className="num">Records</th>
                <th className="num">Runs / deliveries</th>
                <th>Last seen</th>
              </tr>
            </thead>
            <tbody>
              {report.rows.map((r) => (
                <tr
                  key={`${r.connectionId}|${r.resource}|${r.direction}|${r.host}|${r.authKind}|${r.integratorHeader ?? ''}`}
                >
                  <td>{r.connectionId}</td>
                  <td>{r.resource}</td>
                  <td>
                    <span className={`badge ${r.direction === 'write' ? 'warn' : ''}`}>{r.direction}</span>
                  </td>
                  <td>{r.host}</td>
                  <td>{r.authKind}</td>
                  <td>{r.integratorHeader ?? '–'}</td>
                  <td className="data-access-fields">
                    {r.fields.map((f) => (
                      <code key={f}>{f}</code>
                    ))}
                  </td>
                  <td className="num">{r.records.toLocaleString()}</td>
                  <td className="num">{r.flows}</td>
                  <td>{new Date(r.lastSeen).toLocaleString()}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
