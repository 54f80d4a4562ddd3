import type { Core } from '../create-core';
import type { HandlerTable } from '../ipc/dispatch';

type ConnectorHandlers = Pick<HandlerTable, 'connectors:list' | 'connectors:get' | 'connectors:remove'>;

export function connectorHandlers(core: Core): ConnectorHandlers {
  return {
    'connectors:list': ({ query }) => core.catalog.list(query),
    'connectors:get': ({ id }) => core.catalog.get(id),
    'connectors:remove': async ({ id }) => {
      await core.catalog.remove(id);
      return { removed: true as const };
    },
  };
}
