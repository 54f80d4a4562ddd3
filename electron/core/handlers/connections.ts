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
  };
}
