import type { ClientFactory } from '../access/client-factory';
import type { ConnectionService } from '../connections';
import type { ConnectorCatalog } from '../connectors/catalog';
import type { KeyValueStore } from '../settings/store';
import { MappingPreviewService } from './preview-service';
import { MappingRepository, type MappingOrigin } from './repository';
import { MappingService } from './service';

export { MappingRepository, MAPPINGS_KEY, MAX_VERSIONS, type MappingSaveData, type MappingOrigin } from './repository';
export { MappingService } from './service';
export { MappingPreviewService } from './preview-service';

/** Built once by createCore: the repository, the CRUD service and the preview fetcher share one store. */
export function createMappings(deps: {
  settings: KeyValueStore;
  connections: ConnectionService;
  catalog: ConnectorCatalog;
  clients: ClientFactory;
  clock: () => Date;
  /** Who saves through this core ('app' or 'cli'): recorded on each mapping version. */
  origin?: MappingOrigin;
}) {
  const repository = new MappingRepository(deps.settings, deps.clock, undefined, deps.origin);
  return {
    repository,
    service: new MappingService({
      repository,
      connections: deps.connections,
      catalog: deps.catalog,
      clock: deps.clock,
    }),
    preview: new MappingPreviewService({
      repository,
      connections: deps.connections,
      catalog: deps.catalog,
      clients: deps.clients,
      clock: deps.clock,
    }),
  };
}
export type Mappings = ReturnType<typeof createMappings>;
