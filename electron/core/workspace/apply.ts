import { AppError } from '../../../shared/errors';
import type { ApplyResult } from '../../../shared/models/workspace';
import type { BaseCore } from '../create-core';
import { adapterOf, KINDS } from './kinds';
import type { PreparedPlan } from './plan';
import { errorMessage } from '../../../shared/error-message';

/** Every settings key an apply may write: snapshotted first, restored as a whole if anything fails. */
const SETTINGS_KEYS = [
  'importedConnectors',
  'connections',
  'mappings',
  'syncs',
  'webhooks.endpoints',
  'webhooks.targets',
  'datasets',
] as const;

interface Snapshot {
  settings: [string, boolean, unknown][];
  /** Keychain entries of objects the apply may change or remove (prune and auth-kind changes drop secrets). */
  secrets: { id: string; field: string; value: string }[];
  touched: string[];
}

async function snapshot(core: BaseCore, prepared: PreparedPlan): Promise<Snapshot> {
  const settings = SETTINGS_KEYS.map(
    (k) => [k, core.settings.has(k), structuredClone(core.settings.get(k))] as [string, boolean, unknown],
  );
  const touched = [
    ...prepared.writes.filter((w) => w.current).map((w) => w.entry.id),
    ...prepared.removals.map((r) => r.id),
  ];
  const secrets: Snapshot['secrets'] = [];
  for (const id of new Set(touched))
    for (const field of await core.secrets.listFields(id)) {
      const value = await core.secrets.get(id, field);
      if (value !== null) secrets.push({ id, field, value });
    }
  return { settings, secrets, touched };
}

async function restore(core: BaseCore, snap: Snapshot): Promise<void> {
  for (const [key, had, value] of snap.settings) {
    if (had) core.settings.set(key, value);
    else if (core.settings.has(key)) core.settings.delete(key);
  }
  for (const id of new Set(snap.touched)) {
    const keep = new Set(snap.secrets.filter((s) => s.id === id).map((s) => s.field));
    for (const field of await core.secrets.listFields(id))
      if (!keep.has(field)) await core.secrets.delete(id, field).catch(() => false);
  }
  for (const s of snap.secrets) await core.secrets.set(s.id, s.field, s.value);
  // Services that keep the configuration in memory read it again.
  await core.catalog.reload();
  core.webhooks.refreshConfig();
  if (core.sync.scheduler.started) core.sync.scheduler.refresh();
}

/**
 * Apply a prepared plan all or nothing: writes in dependency order (connectors first, datasets
 * last), removals in reverse; when any step fails, the settings and the keychain entries it could
 * have touched are put back as they were and the error says what failed, in which file.
 */
export async function applyPlan(core: BaseCore, prepared: PreparedPlan): Promise<ApplyResult> {
  if (prepared.writes.length === 0 && prepared.removals.length === 0) return { ...prepared.plan, applied: true };
  const snap = await snapshot(core, prepared);
  let step = '';
  try {
    for (const { entry, object, current } of prepared.writes) {
      step = `${entry.action === 'create' ? 'creating' : 'changing'} ${entry.kind} "${entry.name}" (${object.file})`;
      await adapterOf(entry.kind).upsert(core, object.value, current);
    }
    const order = [...KINDS].reverse();
    const removals = [...prepared.removals].sort(
      (a, b) => order.findIndex((k) => k.kind === a.kind) - order.findIndex((k) => k.kind === b.kind),
    );
    for (const entry of removals) {
      step = `removing ${entry.kind} "${entry.name}"`;
      await adapterOf(entry.kind).remove(core, entry.id);
    }
  } catch (error) {
    let restored = true;
    await restore(core, snap).catch((e: Error) => {
      restored = false;
      core.log.event('error', 'workspace_rollback_failed', `Rolling back a workspace apply failed: ${e.message}`);
    });
    const cause = error instanceof AppError ? error : undefined;
    throw new AppError(
      cause?.code ?? 'io_error',
      `${restored ? 'Nothing was applied' : 'The apply failed and could not be fully undone'}: ${step} failed: ${errorMessage(error)}`,
      { ...(cause?.details ?? {}), step },
    );
  }
  return { ...prepared.plan, applied: true };
}
