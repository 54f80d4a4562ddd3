import { parseArgs } from 'node:util';
import { AppError } from '../../shared/app-error';
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/contract';
import type { Core } from '../core/create-core';
import { defaultDataDir } from '../core/data-dir';
import { APP_VERSION } from '../core/version';
import type { Command, CommandContext } from './command';
import { errorMessage } from '../../shared/error-message';

export interface ProgramIO {
  out(text: string): void;
  err(text: string): void;
  readStdin(): Promise<string>;
  env: NodeJS.ProcessEnv;
  /** Builds a core for a data folder (the CLI passes conf + keytar). */
  makeCore(dataDir: string): Promise<Core>;
}

const GLOBAL_HELP = (commands: Command[]) => `Patchbay ${APP_VERSION} — local-first integration manager

Usage: patchbay [--data-dir DIR] [--json] <command> [options]

Commands:
${commands.map((c) => `  ${[...c.path, c.usage ?? ''].join(' ').padEnd(44)} ${c.summary}`).join('\n')}

Global options:
  --data-dir DIR   data folder (default: the app's own; PATCHBAY_DATA_DIR overrides)
  --json           machine-readable output
  --help           help for any command
  --version        print the version`;

/**
 * Runs one CLI invocation and returns its exit code: 0 success, 1 failure (one line on stderr),
 * 2 usage error. Commands reach core through the same handler table and dispatcher as the window.
 * Start-up cost is paid per need: `--version` loads no command, `--help` loads the command list
 * (cheap by rule, see ./commands/index.ts), and the core, handler table and dispatcher load on the
 * first `ctx.call`.
 */
export async function runProgram(
  argv: string[],
  commandList: Command[] | (() => Promise<Command[]>),
  io: ProgramIO,
): Promise<number> {
  const globals = { dataDir: undefined as string | undefined, json: false, help: false };
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--data-dir') globals.dataDir = argv[++i];
    else if (arg.startsWith('--data-dir=')) globals.dataDir = arg.slice('--data-dir='.length);
    else if (arg === '--json') globals.json = true;
    else if (arg === '--help' || arg === '-h') globals.help = true;
    else if (arg === '--version' || arg === '-v') {
      io.out(APP_VERSION);
      return 0;
    } else rest.push(arg);
  }
  const commands = typeof commandList === 'function' ? await commandList() : commandList;
  const command = findCommand(commands, rest);
  if (!command) {
    if (rest.length === 0 || globals.help) {
      io.out(GLOBAL_HELP(commands));
      return rest.length === 0 && !globals.help ? 2 : 0;
    }
    io.err(`patchbay: unknown command "${rest.join(' ')}". Run "patchbay --help" for the list.`);
    return 2;
  }
  if (globals.help) {
    io.out(commandHelp(command));
    return 0;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: rest.slice(command.path.length),
      options: command.options ?? {},
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    io.err(`patchbay: ${errorMessage(error)}\n${commandHelp(command)}`);
    return 2;
  }
  const dataDir = globals.dataDir ?? io.env.PATCHBAY_DATA_DIR ?? defaultDataDir();
  let core: Core | undefined;
  const getCore = async () => {
    if (!core) {
      core = await io.makeCore(dataDir);
      // A repaired database or a settings file moved aside changes what the command sees: say so first.
      for (const warning of core.startupWarnings) io.err(`patchbay: warning: ${warning}`);
    }
    return core;
  };
  const ctx: CommandContext = {
    dataDir,
    json: globals.json,
    core: getCore,
    async call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
      const c = await getCore();
      const [{ createHandlers }, { dispatch }] = await Promise.all([
        import('../core/handlers'),
        import('../core/ipc/dispatch'),
      ]);
      const result = await dispatch(createHandlers(c), channel, input, { validateOutput: true });
      if (!result.ok) throw new AppError(result.error.code, result.error.message, result.error.details);
      return result.value as ChannelOutput<C>;
    },
    out: io.out,
    err: io.err,
    readStdin: io.readStdin,
  };
  try {
    const code = await command.run({ positionals: parsed.positionals, values: parsed.values as never }, ctx);
    return typeof code === 'number' ? code : 0;
  } catch (error) {
    if (error instanceof AppError) {
      if (globals.json) io.err(JSON.stringify({ error: error.toJSON() }));
      else io.err(`patchbay: ${error.message} (${error.code})`);
      return error.code === 'invalid_input' ? 2 : 1;
    }
    io.err(`patchbay: unexpected error: ${errorMessage(error)}`);
    return 1;
  } finally {
    await core?.close();
  }
}

function findCommand(commands: Command[], words: string[]): Command | undefined {
  let best: Command | undefined;
  for (const command of commands) {
    const matches = command.path.every((w, i) => words[i] === w);
    if (matches && (!best || command.path.length > best.path.length)) best = command;
  }
  return best;
}

function commandHelp(command: Command): string {
  const options = Object.entries(command.options ?? {})
    .map(
      ([name, spec]) => `  --${name}${spec.type === 'string' ? ' VALUE' : ''}${spec.multiple ? ' (repeatable)' : ''}`,
    )
    .join('\n');
  return [
    `Usage: patchbay ${[...command.path, command.usage ?? ''].join(' ').trim()}`,
    '',
    command.summary,
    command.help ?? '',
    options ? `Options:\n${options}` : '',
  ]
    .filter(Boolean)
    .join('\n');
}
