import type { Command } from '../command';
import { formatTable } from '../output';

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
