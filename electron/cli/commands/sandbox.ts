import { AppError } from '../../../shared/app-error';
import type { Command } from '../command';
import { errorMessage } from '../../../shared/error-message';

export const sandboxCommands: Command[] = [
  {
    path: ['sandbox', 'start'],
    usage: '[--port N] [--faults SPEC] [--seed N] [--no-rate-limits]',
    summary: 'Run the sandbox tools (CRM, billing, shop, WMS, rates) in the foreground and print their URLs.',
    help: 'Fault spec example: 5xx=0.1,429=0.05,timeout=0.02,reset=0.01,malformed=0.01,latency=20ms. Ports: crm N, billing N+1, shop N+2, wms N+3, rates N+4 (0 = random).',
    options: {
      port: { type: 'string' },
      faults: { type: 'string' },
      seed: { type: 'string' },
      'no-rate-limits': { type: 'boolean' },
    },
    async run({ values }, ctx) {
      const port = values.port === undefined ? 0 : Number(values.port);
      if (!Number.isInteger(port) || port < 0 || port > 65530)
        throw new AppError('invalid_input', `--port must be a number from 0 to 65530, got "${String(values.port)}"`, {
          field: 'port',
        });
      const { parseFaults, startSandbox } = await import('../../sandbox');
      if (values.faults) {
        try {
          parseFaults(String(values.faults));
        } catch (error) {
          throw new AppError('invalid_input', `--faults: ${errorMessage(error)}`, { field: 'faults' });
        }
      }
      const sandbox = await startSandbox({
        port,
        faults: values.faults ? String(values.faults) : undefined,
        seed: values.seed ? Number(values.seed) : undefined,
        rateLimits: !values['no-rate-limits'],
      });
      if (ctx.json)
        ctx.out(
          JSON.stringify({
            urls: sandbox.urls,
            endpoints: sandbox.endpoints,
            credentials: sandbox.credentials,
            seed: sandbox.seed,
          }),
        );
      else {
        for (const [name, url] of Object.entries(sandbox.urls)) ctx.out(`${name.padEnd(8)} ${url}`);
        ctx.out(
          'Sandbox credentials are test values made for this run (use --json to see them). Press Ctrl+C to stop.',
        );
      }
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await sandbox.stop();
    },
  },
];
