import { importOpenApi, importWsdl, inspectOpenApi, inspectWsdl } from '../connectors';
import type { Core } from '../create-core';
import type { HandlerTable } from '../ipc/dispatch';

type ConnectorHandlers = Pick<
  HandlerTable,
  | 'connectors:list'
  | 'connectors:get'
  | 'connectors:remove'
  | 'connectors:inspectOpenApi'
  | 'connectors:importOpenApi'
  | 'connectors:inspectWsdl'
  | 'connectors:importWsdl'
>;

export function connectorHandlers(core: Core): ConnectorHandlers {
  return {
    'connectors:list': ({ query }) => core.catalog.list(query),
    'connectors:get': ({ id }) => core.catalog.get(id),
    'connectors:inspectOpenApi': async ({ source }) => {
      const { title, version, operations, problems } = await inspectOpenApi(source);
      return { title, version, operations, problems };
    },
    'connectors:importOpenApi': async ({ source, ...options }) =>
      core.catalog.add(await importOpenApi(source, options)),
    // Remote WSDL fetches go through the runtime into the call log like any other call.
    'connectors:inspectWsdl': ({ source, allowMissingImports }) =>
      inspectWsdl(source, { allowMissingImports, onCall: (e) => core.logs.append(e) }),
    'connectors:importWsdl': async (input) =>
      core.catalog.add(await importWsdl(input, { onCall: (e) => core.logs.append(e) })),
    'connectors:remove': async ({ id }) => {
      await core.catalog.remove(id);
      return { removed: true as const };
    },
  };
}
