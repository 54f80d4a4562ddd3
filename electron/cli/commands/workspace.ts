import { resolve } from 'node:path';
import { AppError } from '../../../shared/app-error';
import type { ApplyResult, PlanEntry, WorkspacePlan } from '../../../shared/models/workspace';
import type { Command } from '../command';
import { formatTable } from '../output';

const SYMBOL: Record<PlanEntry['action'], string> = {
  create: '+ create   ',
  change: '~ change   ',
  unchanged: '= unchanged',
  not_in_files: '? not in files (left alone; --prune removes it)',
  remove: '- remove   ',
};

const show = (v: unknown) => (v === undefined ? '(none)' : JSON.stringify(v));

/** The plan as a reviewer reads it: one line per object, the changed fields under each change. */
export function planText(plan: WorkspacePlan | ApplyResult): string {
  const lines: string[] = [];
  for (const e of plan.entries) {
    const where = e.file ? `  (${e.file})` : '';
    lines.push(`${SYMBOL[e.action]} ${e.kind} "${e.name}" [${e.id}]${where}`);
    for (const c of e.changes) lines.push(`      ${c.path}: ${show(c.before)} → ${show(c.after)}`);
  }
  const c = plan.counts;
  lines.push(
    '',
    `${c.create} to create, ${c.change} to change, ${c.unchanged} unchanged, ${c.not_in_files} only on this machine${plan.prune ? `, ${c.remove} to remove` : ''}.`,
  );
  if (plan.secretsNeeded.length) {
    lines.push('Secrets this machine still needs (values are never in files):');
    for (const s of plan.secretsNeeded) lines.push(`  patchbay secrets set ${s.id} ${s.field}    # ${s.name}`);
  }
  return lines.join('\n');
}

export const workspaceCommands: Command[] = [
  {
    path: ['export'],
    usage: '[--out DIR]',
    summary: 'Write the workspace as YAML files, one per object (no secret values), with JSON Schemas for editors.',
    help: 'Default folder: ./patchbay-workspace. Exporting into a folder exported before rewrites only what changed, keeping your comments and ${env:NAME} placeholders; files of objects removed here are deleted.',
    options: { out: { type: 'string' } },
    async run({ values }, ctx) {
      const dir = resolve(typeof values.out === 'string' ? values.out : 'patchbay-workspace');
      const result = await ctx.call('workspace:export', { path: dir });
      if (ctx.json) return ctx.out(JSON.stringify(result));
      ctx.out(
        `Exported ${result.objects} object(s) to ${result.dir}: ${result.written.length} file(s) written, ${result.unchanged.length} unchanged${result.removed.length ? `, ${result.removed.length} removed` : ''}.`,
      );
    },
  },
  {
    path: ['apply'],
    usage: '<DIR|FILE> [--dry-run] [--prune]',
    summary: 'Validate workspace files, print the plan and apply it all or nothing (twice = no change).',
    help: 'Every file is checked first; an error names the file, line and field, and nothing is applied. Objects this machine has but the files do not are listed and left alone; --prune (folders only) removes them. ${env:NAME} in a file takes the value of NAME from the environment.',
    options: { 'dry-run': { type: 'boolean' }, prune: { type: 'boolean' } },
    async run({ positionals, values }, ctx) {
      const source = positionals[0];
      if (!source)
        throw new AppError('invalid_input', 'Which folder or file? patchbay apply <DIR|FILE> [--dry-run] [--prune]', {
          field: 'path',
        });
      const dryRun = values['dry-run'] === true;
      const result = await ctx.call('workspace:apply', {
        path: resolve(source),
        prune: values.prune === true,
        dryRun,
      });
      if (ctx.json) return ctx.out(JSON.stringify(result));
      ctx.out(planText(result));
      const changes = result.counts.create + result.counts.change + result.counts.remove;
      ctx.out(
        dryRun
          ? 'Dry run: nothing was changed.'
          : changes
            ? `Applied ${changes} change(s).`
            : 'Nothing to apply: this machine already matches the files.',
      );
    },
  },
  {
    path: ['secrets', 'set'],
    usage: '<connection> <field>',
    summary: "Store a secret in this machine's keychain, read from standard input (never from arguments).",
    help: '<connection> is an id or name; a webhook endpoint or target takes the field "secret". Example: printf %s "$TOKEN" | patchbay secrets set crm-prod token',
    async run({ positionals }, ctx) {
      const [ref, field] = positionals;
      if (!ref || !field || positionals.length > 2)
        throw new AppError(
          'invalid_input',
          'Usage: patchbay secrets set <connection> <field>, with the value on standard input.',
          { field: 'arguments' },
        );
      const value = (await ctx.readStdin()).replace(/\r?\n$/, '');
      if (!value)
        throw new AppError(
          'invalid_input',
          `No value on standard input for ${field}: pipe it in, e.g. printf %s "$VALUE" | patchbay secrets set ${ref} ${field}`,
          { field },
        );
      const saved = await ctx.call('workspace:setSecret', { ref, field, value });
      if (ctx.json) return ctx.out(JSON.stringify(saved));
      ctx.out(`Stored ${saved.field} for ${saved.owner} ${saved.id} in the keychain.`);
    },
  },
  {
    path: ['secrets', 'missing'],
    summary: 'List the secret fields this machine still needs (after applying workspace files, say).',
    async run(_args, ctx) {
      const missing = await ctx.call('workspace:secretsMissing', {});
      if (ctx.json) return ctx.out(JSON.stringify(missing));
      if (!missing.length) return ctx.out('No secret is missing.');
      ctx.out(
        formatTable(
          missing.map((m) => ({ owner: m.owner, id: m.id, name: m.name, field: m.field, set_with: m.command })),
          ['owner', 'id', 'name', 'field', 'set_with'],
        ),
      );
    },
  },
];
