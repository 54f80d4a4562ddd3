import { useCallback, useEffect, useState } from 'react';
import type { Preferences } from '../../../../shared/models/app';
import type { StorageReport } from '../../../../shared/models/storage';
import { formatBytes } from '../../../../shared/format-bytes';
import { api, errorMessage, unwrap } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';

/**
 * How much disk the data folder takes, per database, and the one control over it: how long run
 * details and delivered webhooks are kept. "Compact now" prunes what is older and gives the space
 * back (the app also does it every few hours).
 */
export function StorageSection(props: {
  preferences: Preferences;
  onSave: (patch: Partial<Preferences>) => Promise<void>;
}) {
  const [report, setReport] = useState<StorageReport>();
  const [status, setStatus] = useState<string>();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      setReport(await unwrap(api.app.storage()));
    } catch (error) {
      setStatus(errorMessage(error));
    }
  }, []);
  useEffect(() => void load(), [load]);

  const compact = async () => {
    setAsking(false);
    setBusy(true);
    setStatus('Compacting…');
    try {
      const result = await unwrap(api.app.compactStorage());
      const rows = result.pruned.reduce((n, p) => n + p.rows, 0);
      const freed = Math.max(0, result.bytesBefore - result.bytesAfter);
      setStatus(
        `Done: ${rows.toLocaleString()} old row${rows === 1 ? '' : 's'} pruned, ${formatBytes(freed)} freed.` +
          (result.skipped.length ? ` Not compacted: ${result.skipped.map((s) => s.reason).join(' ')}` : ''),
      );
      await load();
    } catch (error) {
      setStatus(`Not compacted: ${errorMessage(error)}`);
    } finally {
      setBusy(false);
    }
  };

  const days = props.preferences.historyRetentionDays;
  return (
    <section className="card" aria-labelledby="storage-title" data-testid="storage">
      <h2 id="storage-title">Storage</h2>
      <p className="muted">
        {report ? `${formatBytes(report.totalBytes)} in ${report.dataDir}.` : 'Reading sizes…'} Run summaries, id maps
        and webhooks still to deliver are always kept.
      </p>
      {report ? (
        <table data-testid="storage-table">
          <thead>
            <tr>
              <th scope="col">Database</th>
              <th scope="col">Size</th>
              <th scope="col">Write-ahead log</th>
              <th scope="col">Reclaimable</th>
            </tr>
          </thead>
          <tbody>
            {report.databases.map((d) => (
              <tr key={d.file} data-testid={`storage-${d.file}`}>
                <td title={d.path}>
                  {d.what} <span className="muted">({d.file})</span>
                </td>
                <td>{formatBytes(d.bytes)}</td>
                <td>{formatBytes(d.walBytes)}</td>
                <td>{formatBytes(d.freeBytes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <div className="form">
        <label>
          Keep run details and delivered webhooks for (days)
          <input
            type="number"
            min={1}
            max={3650}
            defaultValue={days}
            onBlur={(e) => void props.onSave({ historyRetentionDays: Number(e.target.value) })}
            data-testid="settings-history-days"
          />
        </label>
      </div>
      <button type="button" onClick={() => setAsking(true)} disabled={busy} data-testid="storage-compact">
        {busy ? 'Compacting…' : 'Compact now'}
      </button>
      {status ? (
        <p role="status" data-testid="storage-status">
          {status}
        </p>
      ) : null}
      <ConfirmDialog
        open={asking}
        title="Compact the data folder?"
        message={`Per-record run details and delivered webhooks older than ${days} days are removed for good; the last five runs of each sync keep their details.`}
        confirmLabel="Prune and compact"
        onConfirm={() => void compact()}
        onCancel={() => setAsking(false)}
      />
    </section>
  );
}
