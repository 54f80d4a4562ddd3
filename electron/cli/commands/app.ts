import type { Command } from '../command';
import { formatTable } from '../output';
import { formatBytes } from '../../../shared/format-bytes';

export const appCommands: Command[] = [
  {
    path: ['doctor'],
    summary: 'Check the keychain, data folder, SQLite and local ports; each OK or a reason.',
    async run(_args, ctx) {
      const report = await ctx.call('app:doctor', {});
      if (ctx.json) ctx.out(JSON.stringify(report));
      else {
        for (const check of report.checks) ctx.out(`${check.ok ? 'OK  ' : 'FAIL'}  ${check.label}: ${check.detail}`);
        ctx.out(report.ok ? 'All checks passed.' : 'Some checks failed: see the reasons above.');
      }
      return report.ok ? 0 : 1;
    },
  },
  {
    path: ['storage'],
    summary: 'Show how much disk each database of the data folder takes; --compact prunes old history and frees space.',
    usage: '[--compact]',
    options: { compact: { type: 'boolean' } },
    help:
      'Run details (per-record outcomes) and delivered webhooks older than the history retention (Settings, ' +
      'default 90 days) are pruned; run summaries, id maps and undelivered webhooks are kept.',
    async run(args, ctx) {
      const result = args.values.compact ? await ctx.call('app:compactStorage', {}) : undefined;
      const report = await ctx.call('app:storage', {});
      if (ctx.json) {
        ctx.out(JSON.stringify(result ? { ...report, compaction: result } : report));
        return;
      }
      ctx.out(
        formatTable(
          report.databases.map((d) => ({
            file: d.file,
            size: formatBytes(d.bytes),
            wal: formatBytes(d.walBytes),
            free: formatBytes(d.freeBytes),
          })),
          ['file', 'size', 'wal', 'free'],
        ),
      );
      ctx.out(`Total ${formatBytes(report.totalBytes)} in ${report.dataDir}`);
      if (result) {
        const rows = result.pruned.filter((p) => p.rows > 0);
        for (const p of rows) ctx.out(`Pruned ${p.rows} ${p.label} (${p.file}).`);
        if (rows.length === 0) ctx.out(`Nothing older than ${report.historyRetentionDays} days to prune.`);
        ctx.out(`Freed ${formatBytes(Math.max(0, result.bytesBefore - result.bytesAfter))}.`);
        for (const s of result.skipped) ctx.err(`Not compacted: ${s.file}: ${s.reason}`);
        if (result.skipped.length) return 1;
      }
    },
  },
  {
    path: ['info'],
    summary: 'Show version, data folder and runtime versions.',
    async run(_args, ctx) {
      const info = await ctx.call('app:info', {});
      ctx.out(
        ctx.json
          ? JSON.stringify(info)
          : formatTable([{ ...info, versions: info.versions.node }], ['name', 'version', 'dataDir', 'platform']),
      );
    },
  },
];
