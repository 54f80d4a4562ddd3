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

/**
 * The OpenAPI and WSDL importers (swagger-parser, soap) load on first use: every CLI command builds
 * this handler table, and only an import needs them.
 */
const importers = () => import('../connectors');

export function connectorHandlers(core: Core): ConnectorHandlers {
  return {
    'connectors:list': ({ query }) => core.catalog.list(query),
    'connectors:get': ({ id }) => core.catalog.get(id),
    'connectors:inspectOpenApi': async ({ source }) => {
      const { inspectOpenApi } = await importers();
      const { title, version, operations, problems } = await inspectOpenApi(source);
      return { title, version, operations, problems };
    },
    'connectors:importOpenApi': async ({ source, ...options }) =>
      core.catalog.add(await (await importers()).importOpenApi(source, options)),
    // Remote WSDL fetches go through the runtime into the call log like any other call.
    'connectors:inspectWsdl': async ({ source, allowMissingImports }) =>
      (await importers()).inspectWsdl(source, { allowMissingImports, onCall: (e) => core.logs.append(e) }),
    'connectors:importWsdl': async (input) =>
      core.catalog.add(await (await importers()).importWsdl(input, { onCall: (e) => core.logs.append(e) })),
    'connectors:remove': async ({ id }) => {
      await core.catalog.remove(id);
      return { removed: true as const };
    },
  };
}
