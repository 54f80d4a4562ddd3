import { AppError } from '../../../shared/errors';
import type { HealthRecord } from '../../../shared/models/health';
import type { Core } from '../create-core';
import type { HandlerTable } from '../ipc/dispatch';

type HealthChannel = Extract<keyof HandlerTable, `health:${string}` | `drift:${string}`>;
type HealthHandlers = Pick<HandlerTable, HealthChannel>;

/** Health of syncs and webhook flows, resuming a paused sync, and the schema-drift check. */
export function healthHandlers(core: Core): HealthHandlers {
  const nameOf = (r: Pick<HealthRecord, 'kind' | 'id'>): string | null => {
    if (r.kind === 'flow') return core.webhooks.endpoint(r.id)?.name ?? null;
    return core.sync.service.definitions().find((d) => d.id === r.id)?.name ?? null;
  };
  return {
    'health:list': () => {
      const records = core.health.list().map((r) => ({ ...r, name: nameOf(r) }));
      // Every sync is listed, a sync that never ran as "unknown".
      const known = new Set(records.filter((r) => r.kind === 'sync').map((r) => r.id));
      for (const d of core.sync.service.definitions())
        if (!known.has(d.id)) records.push({ ...core.health.get('sync', d.id), name: d.name });
      return records;
    },
    'health:resume': ({ kind, id }) => {
      const resolved = kind === 'sync' ? core.sync.service.definition(id).id : id;
      const current = core.health.get(kind, resolved);
      if (!current.pause)
        throw new AppError('invalid_input', `${nameOf(current) ?? id} is not paused; nothing to resume.`, { kind, id });
      const record = core.health.resume(kind, resolved);
      return { ...record, name: nameOf(record) };
    },
    'drift:check': async ({ syncId, mappingId }) => {
      if (mappingId) return core.drift.checker.check(mappingId);
      const definition = core.sync.service.definition(syncId!);
      const report = await core.drift.checker.check(definition.mappingId);
      core.drift.reports.set(definition.id, report);
      return report;
    },
  };
}
