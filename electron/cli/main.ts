import { runProgram } from './program';

/** Entry point of the `patchbay` command (bin/patchbay.mjs loads the bundled build of this file). */
async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const code = await runProgram(process.argv.slice(2), async () => (await import('./commands')).commands, {
  out: (text) => void process.stdout.write(`${text}\n`),
  err: (text) => void process.stderr.write(`${text}\n`),
  readStdin,
  env: process.env,
  // The whole core (SQLite, keychain, connectors…) loads only for a command that uses it.
  makeCore: async (dataDir) => {
    const [{ createRuntimeCore }, { openConfStore }] = await Promise.all([
      import('../core/runtime'),
      import('../core/settings/open-conf'),
    ]);
    return createRuntimeCore({
      dataDir,
      openSettings: openConfStore,
      quiet: true,
      actor: 'cli',
      // A chunk of its own: the demo and its sandbox load only when a command uses them.
      demo: async (core) => (await import('../demo')).createDemoTools(core),
    });
  },
});
process.exitCode = code;
