import type { Core } from '../create-core';
import type { HandlerTable } from '../ipc/dispatch';

type MappingHandlers = Pick<
  HandlerTable,
  | 'mappings:list'
  | 'mappings:get'
  | 'mappings:save'
  | 'mappings:remove'
  | 'mappings:versions'
  | 'mappings:revert'
  | 'mappings:suggest'
  | 'mappings:fetchSamples'
  | 'mappings:preview'
  | 'mappings:acknowledgePii'
>;

export function mappingHandlers(core: Core): MappingHandlers {
  const { service, preview } = core.mappings;
  return {
    'mappings:list': () => service.list(),
    'mappings:get': ({ id, version }) => service.get(id, version),
    'mappings:save': (input) => service.save(input),
    'mappings:remove': async ({ id }) => {
      await service.remove(id);
      return { removed: true as const };
    },
    'mappings:versions': ({ id }) => service.versions(id),
    'mappings:revert': ({ id, version }) => service.revert(id, version),
    'mappings:suggest': ({ source, target, defaultCountry }) => service.suggest(source, target, defaultCountry),
    'mappings:fetchSamples': (input) => preview.fetchSamples(input),
    'mappings:preview': ({ ref, limit }) => preview.preview(ref, limit),
    'mappings:acknowledgePii': ({ id, fields, baseVersion }) => service.acknowledgePii(id, fields, baseVersion),
  };
}
