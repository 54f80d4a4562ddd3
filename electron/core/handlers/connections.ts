import { AppError } from '../../../shared/errors';
import type { Core } from '../create-core';
import type { HandlerTable } from '../ipc/dispatch';

type ConnectionHandlers = Pick<
  HandlerTable,
  | 'connections:list'
  | 'connections:get'
  | 'connections:create'
  | 'connections:update'
  | 'connections:duplicate'
  | 'connections:remove'
  | 'connections:test'
  | 'connections:authorize'
  | 'connections:secretsReport'
  | 'connections:browse'
  | 'connections:settingChoices'
>;

export function connectionHandlers(core: Core): ConnectionHandlers {
  const service = core.connections;
  return {
    'connections:list': () => service.list(),
    'connections:get': ({ id }) => service.get(id),
    'connections:create': (input) => service.create(input),
    'connections:update': (input) => service.update(input),
    'connections:duplicate': ({ id, name }) => service.duplicate(id, name),
    'connections:remove': async ({ id }) => {
      await service.remove(id);
      return { removed: true as const };
    },
    'connections:test': ({ id }) => service.testConnection(id),
    'connections:authorize': ({ id }) => service.authorize(id, { openExternal: core.openExternal }),
    'connections:secretsReport': () => service.startupReport(),
    'connections:settingChoices': async ({ id }) => (await core.clients.forConnection(id)).settingChoices(),
    'connections:browse': async ({ id, resource, limit }) => {
      const client = await core.clients.forConnection(id);
      const definition = client.definition.resources.find((r) => r.name === resource);
      if (!definition)
        throw new AppError('not_found', `${client.definition.name} has no resource "${resource}".`, { resource });
      // The account's own fields where the API lists them (HubSpot properties, custom ones included),
      // asked for by name so their values show too.
      const fields = await client.discoverFields(resource);
      const prefix = definition.discovery?.pathPrefix;
      const select =
        prefix && definition.operations.list?.fieldSelection
          ? fields.filter((f) => f.path?.startsWith(prefix)).map((f) => f.path!.slice(prefix.length))
          : undefined;
      const records: Record<string, unknown>[] = [];
      for await (const record of client.list(resource, { limit, pageSize: limit, fields: select }))
        records.push(record);
      return { fields, records };
    },
  };
}
