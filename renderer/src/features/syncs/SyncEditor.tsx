import { useEffect, type FormEvent } from 'react';
import { useSyncsStore } from '../../stores/syncs';
import { formatWhen } from './format';
import { SyncAlertFields } from '../health/SyncAlertFields';

const CRON_DEBOUNCE_MS = 250;

/** Create or edit a sync: mapping, mode, write strategy, failure policy, dedup rule, schedule with a live preview. */
export function SyncEditor() {
  const editor = useSyncsStore((s) => s.editor)!;
  const mappings = useSyncsStore((s) => s.mappings);
  const { editDraft, previewCron, save, closeEditor } = useSyncsStore.getState();
  const d = editor.draft;
  const scheduleKey = JSON.stringify(d.schedule);

  // The preview follows typing, a moment after the last keystroke.
  useEffect(() => {
    const timer = setTimeout(() => void previewCron(), CRON_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [scheduleKey, previewCron]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save();
  };
  const policy = d.failurePolicy ?? { quarantine: true, stopAfterErrors: null };
  return (
    <form
      className="sync-editor card"
      onSubmit={submit}
      data-testid="sync-editor"
      aria-label={d.id ? 'Edit sync' : 'New sync'}
    >
      <h2>{d.id ? `Edit "${d.name}"` : 'New sync'}</h2>
      <div className="form-grid">
        <label>
          Name
          <input
            value={d.name}
            onChange={(e) => editDraft({ name: e.target.value })}
            required
            maxLength={120}
            data-testid="sync-name"
          />
        </label>
        <label>
          Mapping
          <select
            value={d.mappingId}
            onChange={(e) => editDraft({ mappingId: e.target.value })}
            required
            data-testid="sync-mapping"
          >
            {mappings.length === 0 ? <option value="">No mapping yet: create one on the Mappings page</option> : null}
            {mappings.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name} (v{m.version})
              </option>
            ))}
          </select>
        </label>
        <label>
          Mode
          <select
            value={d.mode}
            onChange={(e) => editDraft({ mode: e.target.value as 'full' | 'incremental' })}
            data-testid="sync-mode"
          >
            <option value="full">Full: read every source record</option>
            <option value="incremental">Incremental: records changed since the last run</option>
          </select>
        </label>
        <label>
          Write strategy
          <select
            value={d.writeStrategy}
            onChange={(e) => editDraft({ writeStrategy: e.target.value as 'upsert' })}
            data-testid="sync-write"
          >
            <option value="upsert">Upsert: update the match, else create</option>
            <option value="create_only">Create only: never touch existing records</option>
            <option value="update_only">Update only: never create</option>
          </select>
        </label>
        <label>
          Duplicates in the source
          <select
            value={d.dedup}
            onChange={(e) => editDraft({ dedup: e.target.value as 'newest_wins' })}
            data-testid="sync-dedup"
          >
            <option value="newest_wins">Newest record wins</option>
            <option value="first_non_empty">First non-empty value per field</option>
          </select>
        </label>
        <fieldset className="inline-fieldset">
          <legend>When a record fails</legend>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={policy.quarantine}
              onChange={(e) => editDraft({ failurePolicy: { ...policy, quarantine: e.target.checked } })}
              data-testid="sync-quarantine"
            />
            Set it aside for a retry and go on
          </label>
          <label>
            Stop the run after
            <input
              type="number"
              min={1}
              value={policy.stopAfterErrors ?? ''}
              placeholder="never"
              onChange={(e) =>
                editDraft({
                  failurePolicy: {
                    ...policy,
                    stopAfterErrors: e.target.value ? Math.max(1, Math.floor(Number(e.target.value))) : null,
                  },
                })
              }
              data-testid="sync-stop-after"
            />
            errors
          </label>
        </fieldset>
        <SyncAlertFields draft={d} onChange={editDraft} />
        <fieldset className="inline-fieldset">
          <legend>Schedule</legend>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={d.schedule !== null && d.schedule !== undefined}
              onChange={(e) => editDraft({ schedule: e.target.checked ? { cron: '0 7 * * 1-5' } : null })}
              data-testid="sync-scheduled"
            />
            Run on a schedule while Patchbay is open
          </label>
          {d.schedule ? (
            <>
              <label>
                Cron
                <input
                  value={d.schedule.cron}
                  onChange={(e) => editDraft({ schedule: { ...d.schedule!, cron: e.target.value } })}
                  aria-describedby="sync-cron-preview"
                  spellCheck={false}
                  data-testid="sync-cron"
                />
              </label>
              <label>
                Time zone
                <input
                  value={d.schedule.timezone ?? ''}
                  placeholder="this computer's"
                  onChange={(e) => editDraft({ schedule: { ...d.schedule!, timezone: e.target.value || undefined } })}
                  data-testid="sync-timezone"
                />
              </label>
              <p
                id="sync-cron-preview"
                className={editor.cron.error ? 'error-text' : 'muted'}
                aria-live="polite"
                data-testid="sync-cron-preview"
              >
                {editor.cron.error ??
                  (editor.cron.text
                    ? `Runs ${editor.cron.text}; next: ${editor.cron.next?.map(formatWhen).join(', ')}`
                    : '')}
              </p>
            </>
          ) : null}
        </fieldset>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={d.enabled ?? true}
            onChange={(e) => editDraft({ enabled: e.target.checked })}
            data-testid="sync-enabled"
          />
          Enabled (a disabled sync keeps its schedule but does not run on it)
        </label>
      </div>
      {editor.error ? (
        <p className="error-text" role="alert" data-testid="sync-editor-error">
          {editor.error}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="button" onClick={closeEditor}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={editor.saving || !d.mappingId} data-testid="sync-save">
          {editor.saving ? 'Saving…' : 'Save sync'}
        </button>
      </div>
    </form>
  );
}
