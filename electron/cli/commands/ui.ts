import { AppError } from '../../../shared/app-error';
import type { Command } from '../command';

export const uiCommands: Command[] = [
  {
    path: ['ui'],
    usage: '[--port N] [--no-open]',
    summary: 'Run the app in your browser (browser mode): the window without Electron, until the tab closes.',
    help: 'Serves the built app on 127.0.0.1 only, behind a key in the printed address. A second start on the same data folder opens the running one.',
    options: { port: { type: 'string' }, 'no-open': { type: 'boolean' } },
    async run({ values }, ctx) {
      const port = values.port === undefined ? 0 : Number(values.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new AppError('invalid_input', `--port must be a number from 0 to 65535, got "${String(values.port)}".`, {
          field: 'port',
        });
      const { runBrowserMode } = await import('../../browser-host/run');
      return runBrowserMode({ dataDir: ctx.dataDir, port, open: !values['no-open'], out: ctx.out });
    },
  },
];
