import { AppError } from '../../../shared/errors';
import type { ConnectorDefinition, Resource } from '../../../shared/models/connector';
import type { MappingDraft, ResourceRef } from '../../../shared/models/mapping';
import type { ConnectionService } from '../connections';
import type { ConnectorCatalog } from '../connectors/catalog';

/** One end of a mapping resolved to what the connector says about it: schema, primary key, field selection. */
export interface Endpoint {
  ref: ResourceRef;
  connectionName: string;
  definition: ConnectorDefinition;
  resource: Resource;
}

/** Schemas come from the connector definitions (resource fields), so an API change shows up as broken rules. */
export async function resolveEndpoint(
  ref: ResourceRef,
  deps: { connections: ConnectionService; catalog: ConnectorCatalog },
  side: 'source' | 'target',
): Promise<Endpoint> {
  const connection = await deps.connections.get(ref.connectionId).catch((error: unknown) => {
    if (AppError.is(error, 'not_found'))
      throw new AppError(
        'not_found',
        `The mapping's ${side} connection "${ref.connectionId}" no longer exists; pick another connection.`,
        { side, connectionId: ref.connectionId },
      );
    throw error;
  });
  const definition = deps.catalog.get(connection.connectorId);
  const resource = definition.resources.find((r) => r.name === ref.resource);
  if (!resource) {
    throw new AppError(
      'not_found',
      `${definition.name} has no resource "${ref.resource}" (it has: ${definition.resources.map((r) => r.name).join(', ')}); pick another ${side} resource.`,
      { side, resource: ref.resource },
    );
  }
  return { ref, connectionName: connection.name, definition, resource };
}

export function endpointView(e: Endpoint) {
  return {
    connectionId: e.ref.connectionId,
    connectionName: e.connectionName,
    connectorId: e.definition.id,
    connectorName: e.definition.name,
    resource: e.resource.name,
    resourceLabel: e.resource.label,
    primaryKey: e.resource.primaryKey,
    fieldSelection: !!e.resource.operations.list?.fieldSelection,
  };
}

type EndpointDeps = { connections: ConnectionService; catalog: ConnectorCatalog };

/** Both ends of a mapping, with the fields the mapping declares itself in place of the connectors' ones. */
export async function resolveEnds(mapping: MappingDraft, deps: EndpointDeps): Promise<[Endpoint, Endpoint]> {
  const [source, target] = await Promise.all([
    resolveEndpoint(mapping.source, deps, 'source'),
    resolveEndpoint(mapping.target, deps, 'target'),
  ]);
  const own = mapping.schemas;
  if (!own) return [source, target];
  return [
    { ...source, resource: { ...source.resource, fields: own.source } },
    { ...target, resource: { ...target.resource, fields: own.target } },
  ];
}
