import { parseArgs } from 'node:util';
import { startSandbox, type SandboxSizes } from './index';

/**
 * Standalone sandbox process (`node --import tsx electron/sandbox/main.ts --port 0 --faults …`),
 * used by crash tests and `patchbay sandbox start`. Prints one JSON line on stdout
 * ({ urls, endpoints, credentials, seed, pid }) once every server listens, then runs until
 * SIGTERM/SIGINT. Credentials may be pinned with --credentials '<json>' so a restarted sandbox
 * accepts the same keys.
 */
function parseSizes(s: string | undefined): SandboxSizes {
  if (!s) return {};
  return Object.fromEntries(
    s.split(',').map((kv) => {
      const [k, v] = kv.split('=');
      const n = Number(v);
      if (!k || !Number.isInteger(n) || n < 0)
        throw new Error(`--sizes: "${kv}" must be name=count, e.g. contacts=100000`);
      return [k.trim(), n];
    }),
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      faults: { type: 'string' },
      seed: { type: 'string' },
      sizes: { type: 'string' },
      credentials: { type: 'string' },
      'no-rate-limits': { type: 'boolean', default: false },
      'rates-as-of': { type: 'string' },
    },
  });
  const sandbox = await startSandbox({
    port: Number(values.port),
    faults: values.faults,
    seed: values.seed ? Number(values.seed) : undefined,
    sizes: parseSizes(values.sizes),
    credentials: values.credentials ? JSON.parse(values.credentials) : undefined,
    rateLimits: !values['no-rate-limits'],
    ratesAsOf: values['rates-as-of'],
  });
  process.stdout.write(
    `${JSON.stringify({ urls: sandbox.urls, endpoints: sandbox.endpoints, credentials: sandbox.credentials, seed: sandbox.seed, pid: process.pid })}\n`,
  );
  const shutdown = (): void => {
    void sandbox.stop().then(() => process.exit(0));
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

main().catch((e: unknown) => {
  process.stderr.write(`sandbox: ${(e as Error).message}\n`);
  process.exit(1);
});
