import { AppError } from '../../../shared/app-error';
import type { Command } from '../command';
import { formatTable } from '../output';

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export const mappingCommands: Command[] = [
  {
    path: ['mappings', 'history'],
    usage: '<mapping>',
    summary: 'Versions of a mapping, newest first, with where each was saved (app, cli, file).',
    async run({ positionals }, ctx) {
      const ref = positionals.join(' ').trim();
      if (!ref)
        throw new AppError('invalid_input', 'Which mapping? Give its id or name (see "patchbay mappings list").');
      const all = await ctx.call('mappings:list', {});
      const m = all.find((x) => x.id === ref) ?? all.find((x) => x.name.toLowerCase() === ref.toLowerCase());
      if (!m) throw new AppError('not_found', `No mapping with id or name "${ref}" (see "patchbay mappings list").`);
      const versions = await ctx.call('mappings:versions', { id: m.id });
      if (ctx.json) return ctx.out(JSON.stringify(versions));
      ctx.out(
        formatTable(
          versions.map((v) => ({
            version: `v${v.version}`,
            saved: v.updatedAt,
            from: v.origin ?? '-',
            rules: v.rules,
          })),
          ['version', 'saved', 'from', 'rules'],
        ),
      );
    },
  },
  {
    path: ['mappings', 'list'],
    summary: 'List mappings (current version, source → target, number of rules).',
    async run(_args, ctx) {
      const list = await ctx.call('mappings:list', {});
      if (ctx.json) return ctx.out(JSON.stringify(list));
      ctx.out(
        formatTable(
          list.map((m) => ({
            id: m.id,
            name: m.name,
            version: `v${m.version}`,
            source: `${m.source.connectionId}/${m.source.resource}`,
            target: `${m.target.connectionId}/${m.target.resource}`,
            rules: m.rules,
            updated: m.updatedAt,
          })),
          ['id', 'name', 'version', 'source', 'target', 'rules', 'updated'],
        ),
      );
    },
  },
  {
    path: ['mappings', 'preview'],
    usage: '<mapping-or-sync> [--limit N] [--json]',
    summary:
      'Fetch live sample records and show what the mapping would send: create / update which fields / skip, and errors.',
    help: 'Nothing is written. <mapping-or-sync> is a mapping id or name (a sync name resolves to its mapping once syncs exist). --limit: 1…500, default 20.',
    options: { limit: { type: 'string' } },
    async run({ positionals, values }, ctx) {
      const ref = positionals[0];
      if (!ref)
        throw new AppError('invalid_input', 'Which mapping? Give its id or name (see "patchbay mappings list").');
      const limit = values.limit === undefined ? 20 : Number(values.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 500)
        throw new AppError(
          'invalid_input',
          `--limit must be a whole number from 1 to 500, got "${String(values.limit)}".`,
          { field: '--limit' },
        );
      const report = await ctx.call('mappings:preview', { ref, limit });
      if (ctx.json) {
        ctx.out(JSON.stringify(report));
        return report.counts.error > 0 ? 1 : 0;
      }
      const lines: string[] = [
        `Mapping "${report.mapping.name}" v${report.mapping.version} on ${report.rows.length} live record(s); nothing was written.`,
      ];
      for (const issue of report.issues) lines.push(`! rule ${issue.ruleId} (${issue.target}): ${issue.message}`);
      if (report.unmappedRequired.length)
        lines.push(`! required target fields without a rule: ${report.unmappedRequired.join(', ')}`);
      if (report.lookupError) lines.push(`! ${report.lookupError.message}`);
      lines.push('');
      lines.push(
        formatTable(
          report.rows.map((r) => ({
            record: r.sourceId ?? '-',
            key: r.matchKey ?? '-',
            operation:
              r.operation === 'update'
                ? `update ${r.changedFields.join(', ')}`
                : r.operation === 'create' && (r.lookup === 'uncertain' || r.lookup === 'unchecked')
                  ? 'create (target not fully checked)'
                  : r.operation === 'skip'
                    ? 'skip (unchanged)'
                    : r.operation === 'skipped'
                      ? `skipped: ${r.skipReason ?? ''}`
                      : r.operation === 'filtered'
                        ? `filtered out: ${r.filterReason ?? ''}`
                        : r.operation,
            errors: r.errors.length ? cut(r.errors.map((e) => `${e.field ?? '-'}: ${e.message}`).join(' | '), 120) : '',
          })),
          ['record', 'key', 'operation', 'errors'],
        ),
      );
      const c = report.counts;
      lines.push(
        '',
        `${c.create} create, ${c.update} update, ${c.skip} unchanged, ${c.error} with errors, ${c.skipped} skipped by policy, filtered out: ${c.filtered}.`,
      );
      const m = report.minimization;
      lines.push(`Not transmitted: ${m.notTransmitted.join(', ') || '(none)'}`);
      if (m.piiTransmitted.length)
        lines.push(
          `PII transmitted: ${m.piiTransmitted.join(', ')}${m.unacknowledgedPii.length ? ` (not acknowledged: ${m.unacknowledgedPii.join(', ')})` : ' (acknowledged)'}`,
        );
      ctx.out(lines.join('\n'));
      return c.error > 0 ? 1 : 0;
    },
  },
];
