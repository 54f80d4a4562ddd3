import { useCallback, useEffect, useState } from 'react';
import type { MissingSecret, PlanEntry, WorkspacePlan } from '../../../../shared/models/workspace';
import { api, errorMessage, unwrap } from '../../api';

const ACTION_WORDS: Record<PlanEntry['action'], string> = {
  create: 'create',
  change: 'change',
  unchanged: 'unchanged',
  not_in_files: 'only here (left alone)',
  remove: 'remove',
};

const show = (v: unknown) => (v === undefined ? '(none)' : JSON.stringify(v));

/**
 * Settings → Workspace files: export to a folder, apply from a folder with the plan shown before
 * anything changes, and the secrets this machine still needs. Folders come from the native dialog
 * only; the plan is applied by its id, so what is applied is what was shown.
 */
export function WorkspaceFilesSection() {
  const [status, setStatus] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [prune, setPrune] = useState(false);
  const [plan, setPlan] = useState<WorkspacePlan & { planId: string }>();
  const [missing, setMissing] = useState<MissingSecret[]>([]);
  const [typed, setTyped] = useState<Record<string, string>>({});

  const loadMissing = useCallback(async () => {
    try {
      setMissing(await unwrap(api.workspace.secretsMissing({})));
    } catch (error) {
      setStatus(errorMessage(error));
    }
  }, []);
  useEffect(() => void loadMissing(), [loadMissing]);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } catch (error) {
      setStatus(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  const exportTo = () =>
    run(async () => {
      const { path } = await unwrap(api.workspace.chooseFolder({ purpose: 'export' }));
      if (!path) return;
      const result = await unwrap(api.workspace.export({ path }));
      setStatus(
        `Exported ${result.objects} object(s) to ${result.dir}: ${result.written.length} file(s) written, ${result.unchanged.length} unchanged.`,
      );
    });

  const readFolder = () =>
    run(async () => {
      setPlan(undefined);
      const { path } = await unwrap(api.workspace.chooseFolder({ purpose: 'apply' }));
      if (!path) return;
      setPlan(await unwrap(api.workspace.plan({ path, prune })));
      setStatus(undefined);
    });

  const applyPlan = () =>
    run(async () => {
      if (!plan) return;
      const result = await unwrap(api.workspace.applyPlan({ planId: plan.planId }));
      const c = result.counts;
      setPlan(undefined);
      setStatus(`Applied: ${c.create} created, ${c.change} changed, ${c.remove} removed, ${c.unchanged} unchanged.`);
      await loadMissing();
    });

  const saveSecret = (m: MissingSecret) =>
    run(async () => {
      const key = `${m.id}/${m.field}`;
      await unwrap(api.workspace.setSecret({ ref: m.id, field: m.field, value: typed[key] ?? '' }));
      setTyped((t) => ({ ...t, [key]: '' }));
      setStatus(`Stored ${m.field} for "${m.name}" in the keychain.`);
      await loadMissing();
    });

  const pending = plan ? plan.counts.create + plan.counts.change + plan.counts.remove : 0;
  return (
    <section className="card" data-testid="workspace-files">
      <h2>Workspace files</h2>
      <p>
        Connections, mappings, syncs, webhooks and datasets as YAML files, one per object: review them, keep them in
        git, move them to another machine. Secret values never go into the files.
      </p>
      <div className="row">
        <button type="button" onClick={() => void exportTo()} disabled={busy} data-testid="workspace-export">
          Export to a folder…
        </button>
        <button type="button" onClick={() => void readFolder()} disabled={busy} data-testid="workspace-read">
          Apply from a folder…
        </button>
        <label>
          <input type="checkbox" checked={prune} onChange={(e) => setPrune(e.target.checked)} /> remove what the files
          do not have
        </label>
      </div>
      {status ? (
        <p role="status" data-testid="workspace-status" style={{ whiteSpace: 'pre-wrap' }}>
          {status}
        </p>
      ) : null}
      {plan ? (
        <div data-testid="workspace-plan">
          <h3>Plan for {plan.source} — nothing has changed yet</h3>
          <ul className="checks">
            {plan.entries.map((e) => (
              <li key={`${e.kind}/${e.id}`} data-action={e.action}>
                <strong>{ACTION_WORDS[e.action]}</strong> {e.kind} “{e.name}”{e.file ? ` (${e.file})` : ''}
                {e.changes.length ? (
                  <ul>
                    {e.changes.map((c) => (
                      <li key={c.path}>
                        <code>{c.path}</code>: {show(c.before)} → {show(c.after)}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ul>
          <button
            type="button"
            onClick={() => void applyPlan()}
            disabled={busy || pending === 0}
            data-testid="workspace-apply"
          >
            {pending === 0 ? 'Nothing to apply' : `Apply ${pending} change(s)`}
          </button>{' '}
          <button type="button" onClick={() => setPlan(undefined)} disabled={busy}>
            Cancel
          </button>
        </div>
      ) : null}
      {missing.length ? (
        <div data-testid="workspace-missing-secrets">
          <h3>Secrets this machine still needs</h3>
          <ul className="checks">
            {missing.map((m) => {
              const key = `${m.id}/${m.field}`;
              return (
                <li key={key}>
                  {m.name} — <code>{m.field}</code>{' '}
                  <input
                    type="password"
                    autoComplete="off"
                    aria-label={`${m.field} for ${m.name}`}
                    value={typed[key] ?? ''}
                    onChange={(e) => setTyped((t) => ({ ...t, [key]: e.target.value }))}
                  />{' '}
                  <button type="button" disabled={busy || !typed[key]} onClick={() => void saveSecret(m)}>
                    Save to keychain
                  </button>
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
