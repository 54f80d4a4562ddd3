import { AppError } from '../../../shared/errors';
import type {
  PlanCounts,
  PlanEntry,
  WorkspaceIssue,
  WorkspaceKind,
  WorkspacePlan,
} from '../../../shared/models/workspace';
import type { BaseCore } from '../create-core';
import { canonical, fieldDiff } from './diff';
import { KINDS, secretFieldsOf, type Obj } from './kinds';
import type { LoadedObject, LoadedWorkspace } from './load';

export interface CurrentState {
  byKind: Map<WorkspaceKind, Map<string, Obj>>;
}

export async function readCurrent(core: BaseCore): Promise<CurrentState> {
  const byKind = new Map<WorkspaceKind, Map<string, Obj>>();
  for (const k of KINDS) byKind.set(k.kind, new Map((await k.current(core)).map((o) => [String(o.id), o])));
  return { byKind };
}

/** A plan ready to apply: what to write, in order, and the file objects behind it. */
export interface PreparedPlan {
  plan: WorkspacePlan;
  writes: { entry: PlanEntry; object: LoadedObject; current: Obj | undefined }[];
  removals: PlanEntry[];
}

export function issuesError(issues: WorkspaceIssue[], source: string): AppError {
  const lines = issues.map(
    (i) => `  ${i.file}${i.line ? `:${i.line}:${i.column}` : ''} ${i.field || '(file)'}: ${i.message}`,
  );
  return new AppError(
    'invalid_input',
    `${issues.length} problem${issues.length === 1 ? '' : 's'} in the workspace files (${source}); nothing was applied:\n${lines.join('\n')}`,
    { issues },
  );
}

/** Every reference must land on an object the files declare or (unless pruned away) this machine has. */
function referenceIssues(
  loaded: LoadedWorkspace,
  current: CurrentState,
  core: BaseCore,
  prune: boolean,
): WorkspaceIssue[] {
  const issues: WorkspaceIssue[] = [];
  const inFiles = (kind: WorkspaceKind, id: string) => loaded.objects.find((o) => o.kind === kind && o.id === id);
  const exists = (kind: WorkspaceKind, id: string) => {
    if (inFiles(kind, id)) return true;
    if (kind === 'connector' && core.catalog.isBuiltin(id)) return true;
    return !(prune && loaded.isDir) && current.byKind.get(kind)!.has(id);
  };
  const connectorOf = (connectionId: string) =>
    (inFiles('connection', connectionId)?.value ?? current.byKind.get('connection')!.get(connectionId))?.connectorId as
      string | undefined;
  const resourcesOf = (connectorId: string): string[] | undefined => {
    const def = (inFiles('connector', connectorId)?.value ??
      (core.catalog.list().some((c) => c.id === connectorId) ? core.catalog.get(connectorId) : undefined)) as
      { resources: { name: string }[] } | undefined;
    return def?.resources.map((r) => r.name);
  };
  for (const o of loaded.objects) {
    const adapter = KINDS.find((k) => k.kind === o.kind)!;
    for (const ref of adapter.references(o.value)) {
      if (exists(ref.kind, ref.id)) continue;
      issues.push({
        file: o.file,
        field: ref.path.join('.'),
        message: `unknown ${ref.kind} "${ref.id}": no file declares it${prune && loaded.isDir ? '' : ' and this machine has none'}`,
        ...o.yaml.locate(ref.path),
      });
    }
    if (o.kind === 'connector' && core.catalog.isBuiltin(o.id))
      issues.push({
        file: o.file,
        field: 'id',
        message: `"${o.id}" is a built-in connector id; give the imported connector another id`,
        ...o.yaml.locate(['id']),
      });
    if (o.kind === 'mapping')
      for (const end of ['source', 'target'] as const) {
        const ref = o.value[end] as { connectionId: string; resource: string };
        const connectorId = connectorOf(ref.connectionId);
        const resources = connectorId ? resourcesOf(connectorId) : undefined;
        if (resources && !resources.includes(ref.resource))
          issues.push({
            file: o.file,
            field: `${end}.resource`,
            message: `connector "${connectorId}" has no resource "${ref.resource}" (it has: ${resources.join(', ')})`,
            ...o.yaml.locate([end, 'resource']),
          });
      }
  }
  return issues;
}

/** Names must stay unique on this machine too: a file's name may clash with another object here. */
function nameIssues(loaded: LoadedWorkspace, current: CurrentState, prune: boolean): WorkspaceIssue[] {
  const issues: WorkspaceIssue[] = [];
  for (const o of loaded.objects) {
    if (!KINDS.find((k) => k.kind === o.kind)!.uniqueNames) continue;
    if (prune && loaded.isDir) continue;
    const fileIds = new Set(loaded.objects.filter((x) => x.kind === o.kind).map((x) => x.id));
    for (const [id, here] of current.byKind.get(o.kind)!) {
      if (id === o.id || fileIds.has(id)) continue;
      if (String(here.name).trim().toLowerCase() === o.name.trim().toLowerCase())
        issues.push({
          file: o.file,
          field: 'name',
          message: `this machine already has another ${o.kind} named "${o.name}" (id ${id}); rename one of them`,
          ...o.yaml.locate(['name']),
        });
    }
  }
  return issues;
}

/**
 * Compare the files with this machine: create / change (with a field diff) / unchanged for every
 * object in the files; objects only this machine has are listed and left alone, or removed with
 * `prune` (folders only: one file says nothing about the rest). Throws when any file is invalid.
 */
export async function preparePlan(
  core: BaseCore,
  loaded: LoadedWorkspace,
  options: { prune?: boolean } = {},
): Promise<PreparedPlan> {
  if (options.prune && !loaded.isDir)
    throw new AppError('invalid_input', '--prune needs a folder: a single file cannot say what else should go.', {
      field: 'prune',
    });
  const prune = options.prune === true;
  if (loaded.issues.length) throw issuesError(loaded.issues, loaded.source);
  const current = await readCurrent(core);
  const issues = [...referenceIssues(loaded, current, core, prune), ...nameIssues(loaded, current, prune)];
  if (issues.length) throw issuesError(issues, loaded.source);

  const entries: PlanEntry[] = [];
  const writes: PreparedPlan['writes'] = [];
  const removals: PlanEntry[] = [];
  for (const adapter of KINDS) {
    const here = current.byKind.get(adapter.kind)!;
    const objects = loaded.objects.filter((o) => o.kind === adapter.kind);
    for (const object of objects) {
      const cur = here.get(object.id);
      const desired = adapter.normalize ? adapter.normalize(object.value, cur) : object.value;
      object.value = desired;
      const base = { kind: adapter.kind, id: object.id, name: object.name, file: object.file };
      if (!cur) {
        const entry: PlanEntry = { ...base, action: 'create', changes: [] };
        entries.push(entry);
        writes.push({ entry, object, current: undefined });
      } else if (canonical(cur) === canonical(desired)) {
        entries.push({ ...base, action: 'unchanged', changes: [] });
      } else {
        const entry: PlanEntry = { ...base, action: 'change', changes: fieldDiff(cur, desired) };
        entries.push(entry);
        writes.push({ entry, object, current: cur });
      }
    }
    if (!loaded.isDir) continue;
    const declared = new Set(objects.map((o) => o.id));
    for (const [id, obj] of here) {
      if (declared.has(id)) continue;
      const entry: PlanEntry = {
        kind: adapter.kind,
        id,
        name: String(obj.name ?? id),
        action: prune ? 'remove' : 'not_in_files',
        changes: [],
      };
      entries.push(entry);
      if (prune) removals.push(entry);
    }
  }
  const counts: PlanCounts = { create: 0, change: 0, unchanged: 0, not_in_files: 0, remove: 0 };
  for (const e of entries) counts[e.action]++;
  return {
    plan: {
      source: loaded.source,
      prune,
      entries,
      counts,
      secretsNeeded: await secretsNeeded(core, loaded),
    },
    writes,
    removals,
  };
}

/** Secret fields the files' connections and webhooks need that this machine's keychain does not hold yet. */
async function secretsNeeded(core: BaseCore, loaded: LoadedWorkspace) {
  const held = await core.secrets
    .listAll()
    .then((refs) => new Set(refs.map((r) => `${r.connectionId}/${r.field}`)))
    .catch(() => new Set<string>());
  const out: WorkspacePlan['secretsNeeded'] = [];
  for (const o of loaded.objects) {
    const fields =
      o.kind === 'connection'
        ? secretFieldsOf({ ...(o.value as object), secrets: {}, declaredSecrets: o.value.secrets } as never)
        : o.kind === 'webhook-endpoint' || o.kind === 'webhook-target'
          ? ['secret']
          : [];
    for (const field of fields) if (!held.has(`${o.id}/${field}`)) out.push({ id: o.id, name: o.name, field });
  }
  return out;
}
