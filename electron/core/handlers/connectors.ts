import { importOpenApi, inspectOpenApi } from '../connectors';
import type { Core } from '../create-core';
import type { HandlerTable } from '../ipc/dispatch';

type ConnectorHandlers = Pick<
  HandlerTable,
  'connectors:list' | 'connectors:get' | 'connectors:remove' | 'connectors:inspectOpenApi' | 'connectors:importOpenApi'
>;

export function connectorHandlers(core: Core): ConnectorHandlers {
  return {
    'connectors:list': ({ query }) => core.catalog.list(query),
    'connectors:get': ({ id }) => core.catalog.get(id),
    'connectors:inspectOpenApi': async ({ source }) => {
      const { title, version, operations } = await inspectOpenApi(source);
      return { title, version, operations };
    },
    'connectors:importOpenApi': async ({ source, ...options }) =>
      core.catalog.add(await importOpenApi(source, options)),
    'connectors:remove': async ({ id }) => {
      await core.catalog.remove(id);
      return { removed: true as const };
    },
  };
}
