import type { Command } from '../command';
import { logCommands } from './logs';
import { appCommands } from './app';
import { connectionCommands } from './connections';
import { connectorCommands } from './connectors';
import { datasetCommands } from './datasets';
import { mappingCommands } from './mappings';
import { sandboxCommands } from './sandbox';
import { demoCommands } from './demo';
import { syncCommands } from './syncs';
import { healthCommands } from './health';
import { webhookCommands } from './webhooks';
import { workspaceCommands } from './workspace';
import { creationCommands } from './create';
import { uiCommands } from './ui';

/**
 * The command registry: every CLI command; feature slices append theirs.
 *
 * How to add a command (the CLI must start fast, so loading is paid per need):
 *  1. Write it in `commands/<feature>.ts` as `export const <feature>Commands: Command[] = [...]` and spread it
 *     below. `--help` imports every file listed here, so each file stays cheap to import.
 *  2. At the top of a command file, import values only from `../command`, `../output`, `../sync-run`,
 *     `../../../shared/app-error` (AppError without zod), helpers of `shared/` that import nothing
 *     (`format-bytes`) and Node built-ins; `import type` is free.
 *  3. Reach the core through `ctx.call(channel, input)`: the core, the handler table and the dispatcher
 *     load on the first call, with the window's validation and typed errors. Anything else a command
 *     needs (a core module, a zod model, a library) is `await import(...)`ed inside its `run`, so only
 *     the command that uses it pays for it.
 *  `tests/unit/foundation/cli-cold-start.test.ts` bundles the CLI and fails if `--version` or `--help`
 *  would statically load zod, the core or a native module.
 */
export const commands: Command[] = [
  ...appCommands,
  ...connectionCommands,
  ...connectorCommands,
  ...logCommands,
  ...sandboxCommands,
  ...mappingCommands,
  ...datasetCommands,
  ...syncCommands,
  ...healthCommands,
  ...webhookCommands,
  ...demoCommands,
  ...workspaceCommands,
  ...creationCommands,
  ...uiCommands,
];
