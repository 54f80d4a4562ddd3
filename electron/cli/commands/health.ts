import { AppError } from '../../../shared/app-error';
import type { Command } from '../command';
import { formatTable } from '../output';

function nameArg(positionals: string[], usage: string): string {
  const name = positionals.join(' ').trim();
  if (!name) throw new AppError('invalid_input', `Give the sync's name or id: patchbay ${usage}.`, { field: 'sync' });
  return name;
}

/** Health of syncs and webhook flows, resuming a paused sync, and the schema-drift check. */
export const healthCommands: Command[] = [
  {
    path: ['health', 'list'],
    summary: 'Show the health of every sync and webhook flow (healthy, degraded, failing, paused) and why.',
    async run(_args, ctx) {
      const list = await ctx.call('health:list', {});
      if (ctx.json) {
        ctx.out(JSON.stringify(list));
        return;
      }
      ctx.out(
        formatTable(
          list.map((h) => ({
            kind: h.kind,
            name: h.name ?? h.id,
            health: h.state,
            'failures in a row': h.consecutiveFailures,
            last: h.last ? `${h.last.outcome}: ${h.last.summary}` : 'never ran',
            why: h.pause?.message ?? '',
          })),
          ['kind', 'name', 'health', 'failures in a row', 'last', 'why'],
        ),
      );
    },
  },
  {
    path: ['health', 'resume'],
    usage: '<sync>',
    summary: 'Resume a paused sync: its schedule runs again and the failure count starts over.',
    async run({ positionals }, ctx) {
      const id = nameArg(positionals, 'health resume <sync>');
      const record = await ctx.call('health:resume', { kind: 'sync', id });
      if (ctx.json) ctx.out(JSON.stringify(record));
      else ctx.out(`${record.name ?? record.id}: resumed (${record.state}).`);
    },
  },
  {
    path: ['sync', 'drift'],
    usage: '<sync>',
    summary: "Compare the sync's mapping with the live source and target fields; exit 1 on a breaking change.",
    help: 'Lists fields added, removed or retyped since the mapping was built, and the rules that lost their field.',
    async run({ positionals }, ctx) {
      const report = await ctx.call('drift:check', { syncId: nameArg(positionals, 'sync drift <sync>') });
      if (ctx.json) ctx.out(JSON.stringify(report));
      else {
        if (report.changes.length === 0 && report.brokenRules.length === 0)
          ctx.out('No schema changes: the live fields match the mapping.');
        else
          ctx.out(
            formatTable(
              report.changes.map((c) => ({
                side: c.side,
                field: c.field,
                change: c.change.replace('_', ' '),
                before: c.before ?? '',
                after: c.after ?? '',
              })),
              ['side', 'field', 'change', 'before', 'after'],
            ),
          );
        for (const r of report.brokenRules)
          ctx.err(`rule for ${r.target} lost its ${r.side} field ${r.field}: edit the mapping.`);
        for (const u of report.unavailable) ctx.err(`the ${u.side} fields could not be read: ${u.message}`);
      }
      return report.breaking ? 1 : 0;
    },
  },
];
