import { AppError } from '../../../shared/app-error';
import type { Command } from '../command';
import { formatTable } from '../output';
import { runExitCode, runHeadline, runReport, runWithProgress } from '../sync-run';

function syncArg(positionals: string[], usage: string): string {
  const name = positionals.join(' ').trim();
  if (!name)
    throw new AppError(
      'invalid_input',
      `Give the sync's name or id: patchbay ${usage}. "patchbay sync list" shows them.`,
      { field: 'sync' },
    );
  return name;
}

export const syncCommands: Command[] = [
  {
    path: ['sync', 'list'],
    summary: 'Show the syncs with their last run and next scheduled time.',
    async run(_args, ctx) {
      const list = await ctx.call('syncs:list', {});
      if (ctx.json) {
        ctx.out(JSON.stringify(list));
        return;
      }
      ctx.out(
        formatTable(
          list.map((s) => ({
            id: s.definition.id,
            name: s.definition.name,
            mapping: s.mappingName ?? `(missing ${s.definition.mappingId})`,
            last: s.running ? 'running' : (s.lastRun?.status ?? 'never run'),
            at: s.lastRun?.startedAt,
            schedule: s.schedulePreview ?? (s.definition.schedule ? s.definition.schedule.cron : 'manual'),
            next: s.nextRunAt,
          })),
          ['id', 'name', 'mapping', 'last', 'at', 'schedule', 'next'],
        ),
      );
    },
  },
  {
    path: ['sync', 'run'],
    usage: '<sync> [--dry-run]',
    summary:
      'Run a sync now (headless, the same work as the app), with progress; exit 1 unless every record went through.',
    help: 'A dry run goes through the whole pipeline and writes nothing: the report says what would be created, updated (which fields) or skipped.',
    options: { 'dry-run': { type: 'boolean' } },
    async run({ positionals, values }, ctx) {
      const sync = await ctx.call('syncs:get', { id: syncArg(positionals, 'sync run <sync> [--dry-run]') });
      const run = await runWithProgress(ctx, sync.definition.id, values['dry-run'] === true);
      if (ctx.json) ctx.out(JSON.stringify(run));
      else {
        ctx.out(runHeadline(sync.definition.name, run));
        ctx.out(runReport(run));
        if (run.error) ctx.err(`${run.error.message} (${run.error.code})`);
        if (run.status === 'needs_confirmation') ctx.err(`To let it write once: patchbay sync confirm ${run.id}`);
        for (const w of run.warnings) ctx.err(`warning: ${w.message}`);
        if (run.counters.failed > 0)
          ctx.err(
            `${run.counters.failed} record(s) failed: "patchbay sync history ${sync.definition.name}" lists the runs; the Syncs page shows each error.`,
          );
      }
      return runExitCode(run);
    },
  },
  {
    path: ['sync', 'confirm'],
    usage: '<run>',
    summary: 'Let a run the brake held ("needs confirmation") write, once: runs the sync again past the brake.',
    help: '"patchbay sync history <sync>" lists the runs; "patchbay sync run <sync> --dry-run" shows what the held run would do.',
    async run({ positionals }, ctx) {
      const runId = positionals[0];
      if (!runId) throw new AppError('invalid_input', 'Usage: patchbay sync confirm <run>', { field: 'run' });
      const held = await ctx.call('syncs:runDetail', { runId, limit: 1 });
      const sync = await ctx.call('syncs:get', { id: held.syncId });
      const run = await runWithProgress(ctx, sync.definition.id, false, () => ctx.call('syncs:confirm', { runId }));
      if (ctx.json) ctx.out(JSON.stringify(run));
      else {
        ctx.out(runHeadline(sync.definition.name, run));
        ctx.out(runReport(run));
        if (run.error) ctx.err(`${run.error.message} (${run.error.code})`);
      }
      return runExitCode(run);
    },
  },
  {
    path: ['sync', 'history'],
    usage: '<sync> [--limit N]',
    summary: 'Show the runs of a sync, newest first, with their counters.',
    options: { limit: { type: 'string' } },
    async run({ positionals, values }, ctx) {
      const limit = values.limit === undefined ? 50 : Number(values.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 500)
        throw new AppError(
          'invalid_input',
          `--limit must be a whole number from 1 to 500, got "${String(values.limit)}".`,
          { field: 'limit' },
        );
      const runs = await ctx.call('syncs:history', { id: syncArg(positionals, 'sync history <sync>'), limit });
      if (ctx.json) {
        ctx.out(JSON.stringify(runs));
        return;
      }
      ctx.out(
        formatTable(
          runs.map((r) => ({
            run: r.id,
            status: r.status,
            dry: r.dryRun ? 'yes' : '',
            started: r.startedAt,
            created: r.counters.created,
            updated: r.counters.updated,
            unchanged: r.counters.unchanged,
            failed: r.counters.failed,
            skipped: r.counters.skipped,
          })),
          ['run', 'status', 'dry', 'started', 'created', 'updated', 'unchanged', 'failed', 'skipped'],
        ),
      );
    },
  },
];
