import { useState } from 'react';
import type { DoctorReport, Preferences } from '../../../shared/models/app';
import { api, errorMessage, unwrap } from '../api';
import { PageHeader } from '../components/PageHeader';
import { DataAccessSection } from '../features/ledger/DataAccessSection';
import { StorageSection } from '../features/settings/StorageSection';
import { WorkspaceFilesSection } from '../features/workspace/WorkspaceFilesSection';
import { useAppStore } from '../stores/app';

export function SettingsPage() {
  const info = useAppStore((s) => s.info);
  const preferences = useAppStore((s) => s.preferences);
  const update = useAppStore((s) => s.updatePreferences);
  const [report, setReport] = useState<DoctorReport>();
  const [checking, setChecking] = useState(false);
  const [status, setStatus] = useState<string>();

  const save = async (patch: Partial<Preferences>) => {
    try {
      await update(patch);
      setStatus('Saved.');
    } catch (error) {
      setStatus(`Not saved: ${errorMessage(error)}`);
    }
  };

  const runDoctor = async () => {
    setChecking(true);
    try {
      setReport(await unwrap(api.app.doctor()));
    } catch (error) {
      setStatus(errorMessage(error));
    } finally {
      setChecking(false);
    }
  };

  return (
    <>
      <PageHeader title="Settings" subtitle={info ? `Patchbay ${info.version} · data in ${info.dataDir}` : undefined} />
      {preferences ? (
        <form className="card form" onSubmit={(e) => e.preventDefault()} aria-label="Preferences">
          <label>
            Theme
            <select
              value={preferences.theme}
              onChange={(e) => void save({ theme: e.target.value as Preferences['theme'] })}
              data-testid="settings-theme"
            >
              <option value="system">Follow the system</option>
              <option value="light">Light</option>
              <option value="dark">Dark</option>
            </select>
          </label>
          <label>
            Integrator contact: a URL or e-mail address, sent in the User-Agent of every call
            <input
              defaultValue={preferences.integratorContact}
              placeholder="it@your-company.example"
              onBlur={(e) => void save({ integratorContact: e.target.value })}
              data-testid="settings-contact"
            />
          </label>
          <label>
            Keep call logs for (days)
            <input
              type="number"
              min={1}
              max={3650}
              defaultValue={preferences.logRetentionDays}
              onBlur={(e) => void save({ logRetentionDays: Number(e.target.value) })}
            />
          </label>
          <label>
            Maximum log size (MB)
            <input
              type="number"
              min={10}
              defaultValue={preferences.logRetentionMb}
              onBlur={(e) => void save({ logRetentionMb: Number(e.target.value) })}
            />
          </label>
          {status ? (
            <p role="status" data-testid="settings-status">
              {status}
            </p>
          ) : null}
        </form>
      ) : null}
      <section className="card">
        <h2>Health check</h2>
        <p>Checks the OS keychain, the data folder, SQLite and local ports.</p>
        <button type="button" onClick={() => void runDoctor()} disabled={checking} data-testid="run-doctor">
          {checking ? 'Checking…' : 'Run checks'}
        </button>
        {report ? (
          <ul className="checks" data-testid="doctor-report">
            {report.checks.map((c) => (
              <li key={c.id} className={c.ok ? 'ok' : 'fail'}>
                <strong>
                  {c.ok ? '✓' : '✗'} {c.label}
                </strong>{' '}
                — {c.detail}
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      {preferences ? <StorageSection preferences={preferences} onSave={save} /> : null}
      <WorkspaceFilesSection />
      <DataAccessSection />
    </>
  );
}
