import { AppError } from '../../../shared/app-error';
import type { Command } from '../command';
import { runExitCode, runHeadline, runReport, runWithProgress } from '../sync-run';

const KEYRING_HINT =
  'On Linux without a desktop keyring, run it inside a throwaway one: scripts/with-keyring.sh npm run demo';

export const demoCommands: Command[] = [
  {
    path: ['demo'],
    summary: 'Set up the demo workspace on the sandbox tools and run its CRM → billing sync, with progress.',
    help: [
      'Starts the sandbox tools in this process, creates (or reuses) connections to them (CRM, billing, shop, WMS, rates),',
      'the CRM contacts → billing customers mapping and its sync, runs it and prints the report, then refreshes the',
      '"Sales overview" dataset. What the sync wrote is kept in <data dir>/sandbox, so running it again shows',
      'incremental behaviour: mostly unchanged records, and a few updates for the CRM contacts that changed meanwhile.',
      'The sandbox keys are stored in the OS keychain like real ones. ' + KEYRING_HINT + '.',
    ].join('\n'),
    async run(_args, ctx) {
      // The demo and its sandbox are a chunk of their own: loaded only by the commands that use them.
      const [{ readDemoState }, { startDemoSandbox, installDemoWorkspace, markDemoRun, simulateCrmActivity }] =
        await Promise.all([import('../../core/demo/state'), import('../../demo')]);
      const core = await ctx.core();
      const before = readDemoState(core.settings);
      const sandbox = await startDemoSandbox(core).catch((error: unknown) => {
        if (AppError.is(error, 'keychain_unavailable'))
          throw new AppError('keychain_unavailable', `${error.message} ${KEYRING_HINT}.`);
        throw error;
      });
      try {
        const say = (text: string) => {
          if (!ctx.json) ctx.out(text);
        };
        if (before && !sandbox.restored) {
          // The billing sandbox starts empty again: what the id map says was synced is gone, so start over.
          core.sync.store.removeSync(before.syncId);
          say('The sandbox data of the previous demo was not found: the demo sync starts over.');
        } else if (before) {
          const edited = simulateCrmActivity(sandbox, before.runs);
          say(`Since the last demo, ${edited.length} CRM contacts changed their job title.`);
        }
        const ws = await installDemoWorkspace(core, sandbox);
        say(
          `${ws.firstRun ? 'Created' : 'Reused'} the demo workspace: connections Sandbox CRM, billing, shop, WMS and rates; mapping and sync "CRM contacts → billing customers".`,
        );
        const sync = core.sync.service.definition(ws.state.syncId);
        const run = await runWithProgress(ctx, sync.id, false);
        const dataset = ws.state.datasetId ? await ctx.call('datasets:refresh', { id: ws.state.datasetId }) : undefined;
        const datasetFailed = dataset?.sources.some((s) => s.error) ?? false;
        if (runExitCode(run) === 0) markDemoRun(core);
        if (ctx.json)
          ctx.out(JSON.stringify({ run, dataset: dataset ? { id: ws.state.datasetId, rows: dataset.rows } : null }));
        else {
          ctx.out(runHeadline(sync.name, run));
          ctx.out(runReport(run));
          if (run.error) ctx.err(`${run.error.message} (${run.error.code})`);
          if (dataset)
            ctx.out(
              `Sales overview dataset: ${dataset.rows} rows${datasetFailed ? ' (a source failed; see "patchbay datasets refresh")' : ''}.`,
            );
          ctx.out(
            'Open the app to see the run on the Syncs page and its calls on the Logs page; run "patchbay demo" again to see an incremental run.',
          );
        }
        return runExitCode(run) || (datasetFailed ? 1 : 0);
      } finally {
        // Saves what the sync wrote to <data dir>/sandbox for the next demo.
        await sandbox.stop();
      }
    },
  },
];
