import type { Core } from '../create-core';
import type { HandlerTable } from '../ipc/dispatch';
import { logHandlers } from './logs';
import { appHandlers } from './app';
import { demoHandlers } from './demo';
import { connectionHandlers } from './connections';
import { connectorHandlers } from './connectors';
import { datasetHandlers } from './datasets';
import { healthHandlers } from './health';
import { mappingHandlers } from './mappings';
import { syncHandlers } from './syncs';
import { webhookHandlers } from './webhooks';
import { workspaceHandlers } from './workspace';

/**
 * The handler table: plain functions over core services, one entry per contract channel. The same
 * table serves Electron IPC, the e2e bridge and direct calls in integration tests. `satisfies`
 * makes a missing or extra channel a type error.
 */
export function createHandlers(core: Core): HandlerTable {
  return {
    ...appHandlers(core),
    ...demoHandlers(core),
    ...connectionHandlers(core),
    ...connectorHandlers(core),
    ...datasetHandlers(core),
    ...healthHandlers(core),
    ...logHandlers(core),
    ...mappingHandlers(core),
    ...syncHandlers(core),
    ...webhookHandlers(core),
    ...workspaceHandlers(core),
  } satisfies HandlerTable;
}
