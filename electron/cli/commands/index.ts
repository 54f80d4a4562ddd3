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
import { webhookCommands } from './webhooks';

/** Every CLI command; feature slices append theirs. */
export const commands: Command[] = [
  ...appCommands,
  ...connectionCommands,
  ...connectorCommands,
  ...logCommands,
  ...sandboxCommands,
  ...mappingCommands,
  ...datasetCommands,
  ...syncCommands,
  ...webhookCommands,
  ...demoCommands,
];
