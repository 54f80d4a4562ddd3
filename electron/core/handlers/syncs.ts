import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import type { SyncDefinition } from '../../../shared/models/sync';
import type { Core } from '../create-core';
import type { HandlerTable } from '../ipc/dispatch';
import { checkSchedule, describeCron, nextRun } from '../sync';
import { errorMessage } from '../../../shared/error-message';

type SyncChannel = Extract<keyof HandlerTable, `syncs:${string}`>;
type SyncHandlers = Pick<HandlerTable, SyncChannel>;

const PREVIEW_RUNS = 3;

/** Syncs over core.sync.service: definitions, runs in worker threads, history, details. */
export function syncHandlers(core: Core): SyncHandlers {
  const { service, scheduler } = core.sync;
  const mappingNames = async () => new Map((await core.mappings.repository.list()).map((m) => [m.id, m.name]));
  const withMapping = async <T extends { definition: SyncDefinition }>(items: T[]) => {
    const names = await mappingNames();
    return items.map((s) => ({ ...s, mappingName: names.get(s.definition.mappingId) ?? null }));
  };
  // Only the app shell schedules; a CLI process must not start cron jobs that keep it alive.
  const reschedule = () => {
    if (scheduler.started) scheduler.refresh();
  };
  /** A run the caller follows through events; a broken worker is logged, never an unhandled rejection. */
  const follow = (started: { runId: string; done: Promise<unknown> }) => {
    started.done.catch((error: unknown) =>
      core.log.event('error', 'sync_worker', `Sync run ${started.runId} stopped unexpectedly: ${errorMessage(error)}`),
    );
    return { runId: started.runId };
  };
  return {
    'syncs:list': () => withMapping(service.list()),
    'syncs:get': async ({ id }) => (await withMapping([service.get(service.definition(id).id)]))[0]!,
    'syncs:save': async ({ id, ...input }) => {
      // The mapping must exist now (it may be deleted later: the sync then says so when it runs).
      await core.mappings.repository.get(input.mappingId);
      const existing = id ? service.definition(id) : undefined;
      const saved = service.save({ ...existing, ...input, id: existing?.id ?? `sync_${randomUUID().slice(0, 8)}` });
      reschedule();
      return saved;
    },
    'syncs:remove': ({ id }) => {
      service.remove(id);
      reschedule();
      return { removed: true as const };
    },
    'syncs:run': async ({ id, dryRun }) => follow(await service.run(id, { dryRun })),
    'syncs:cancel': ({ runId }) => ({ cancelled: service.cancel(runId) }),
    'syncs:confirm': async ({ runId }) => follow(await service.confirm(runId)),
    'syncs:retryFailed': async ({ runId }) => follow(await service.retryFailed(runId)),
    'syncs:history': ({ id, limit }) => service.history(id, limit),
    'syncs:runDetail': ({ runId, offset, limit, kind }) => service.runDetail(runId, { offset, limit, kind }),
    'syncs:cronPreview': ({ cron, timezone }) => {
      const schedule = { cron, ...(timezone ? { timezone } : {}) };
      checkSchedule(schedule);
      const next: string[] = [];
      let from = core.clock();
      for (let i = 0; i < PREVIEW_RUNS; i++) {
        const at = nextRun(schedule, from);
        if (!at) break;
        next.push(at.toISOString());
        from = at;
      }
      if (next.length === 0)
        throw new AppError('invalid_input', `The schedule "${cron}" never fires; check the day and month fields.`);
      return { text: describeCron(cron), next };
    },
  };
}
