import { AppError } from '../../../shared/errors';
import { fieldsReadDetailed } from '../../../shared/mapping/minimization';
import { resolveSourcePath } from '../../../shared/mapping/source-paths';
import { SECRET_FIELDS, type Connection } from '../../../shared/models/connection';
import type { FieldSchemaInput } from '../../../shared/models/field-schema';
import type { MappingDraft, MappingInput } from '../../../shared/models/mapping';
import type { SyncDefinition } from '../../../shared/models/sync';
import type { ConnectionService } from '../connections';
import type { ConnectorCatalog } from '../connectors/catalog';
import type { MappingRepository } from '../mappings';
import type { SecretStore } from '../secrets';
import type { ConnectorDefinition, RateLimits } from '../../../shared/models/connector';
import type { EndpointSpec, RunPlan } from './plan';
import { searchRecipeFor } from './search-recipes';

export interface PlanResolverDeps {
  mappings: Pick<MappingRepository, 'get'>;
  connections: Pick<ConnectionService, 'get'>;
  catalog: Pick<ConnectorCatalog, 'get'>;
  secrets: Pick<SecretStore, 'get'>;
}

/**
 * Target fields a rule may write below an object field: `metadata_crm_id` → `metadata.crm_id`.
 * Connectors declare Stripe's `metadata` as one open object; rules address its keys one by one.
 */
export function widenObjectFields(fields: readonly FieldSchemaInput[], mapping: MappingDraft): FieldSchemaInput[] {
  const names = new Set(fields.map((f) => f.name));
  const objects = fields.filter((f) => f.type === 'object' && !f.readOnly);
  const extra: FieldSchemaInput[] = [];
  for (const rule of mapping.rules) {
    if (names.has(rule.target)) continue;
    const parent = objects.find((o) => rule.target.startsWith(`${o.name}_`) && rule.target.length > o.name.length + 1);
    if (!parent) continue;
    const key = rule.target.slice(parent.name.length + 1);
    extra.push({
      name: rule.target,
      type: 'string',
      path: `${parent.path ?? parent.name}.${key}`,
      ...(parent.pii ? { pii: true } : {}),
    });
    names.add(rule.target);
  }
  return [...fields, ...extra];
}

/** Only the source fields the rules read (data minimization at the API), plus the primary key. */
function fieldsToAsk(
  mapping: MappingDraft,
  schema: readonly FieldSchemaInput[],
  primaryKey: string,
): string[] | undefined {
  const read = fieldsReadDetailed(mapping);
  if (mapping.rules.length === 0 || read.wholeRecord) return undefined;
  const names = new Set<string>([primaryKey]);
  for (const path of read.fields) {
    const resolved = resolveSourcePath(path, schema as never);
    if (!('missing' in resolved) && resolved.field) names.add(resolved.field.name);
  }
  return [...names];
}

/**
 * The limits a run starts from: the connector's declared defaults, overridden by the connection's own
 * rate settings (an account's real plan); the rate an earlier run learned lowers the start further.
 * The runtime then adapts from there (AIMD on 429/503).
 */
export function rateLimitsFor(definition: ConnectorDefinition, connection: Connection): RateLimits | undefined {
  const declared = definition.rateLimits;
  const own = connection.rateSettings;
  const learned = connection.learnedRate?.requestsPerSecond;
  const rps = own?.requestsPerSecond ?? declared?.requestsPerSecond;
  const start = learned !== undefined && rps !== undefined ? Math.min(learned, rps) : rps;
  if (start === undefined) return undefined;
  return {
    burst: declared?.burst ?? 1,
    maxConcurrency: own?.maxConcurrency ?? declared?.maxConcurrency ?? 4,
    ...declared,
    requestsPerSecond: start,
    ...(own?.maxConcurrency ? { maxConcurrency: own.maxConcurrency } : {}),
  };
}

/** The keychain values of the connection's secret fields: they travel to the run's worker only. */
async function secretsOf(
  connection: Connection,
  secrets: PlanResolverDeps['secrets'],
): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const { field, required } of SECRET_FIELDS[connection.authKind]) {
    const value = await secrets.get(connection.id, field);
    if (value) out[field] = value;
    else if (required)
      throw new AppError(
        'secret_missing',
        `Connection "${connection.name}" has no ${field} in the keychain; open it on the Connections page and set it again.`,
        { connectionId: connection.id, field },
      );
  }
  return out;
}

/**
 * Sync definition → mapping (its current version, which the run records) → the two connections →
 * their connector definitions → secrets → the match-key search: the RunPlan the worker executes.
 */
export function createPlanResolver(deps: PlanResolverDeps): (definition: SyncDefinition) => Promise<RunPlan> {
  return async (definition) => {
    const mapping = await deps.mappings.get(definition.mappingId).catch((error: unknown) => {
      if (AppError.is(error, 'not_found'))
        throw new AppError(
          'not_found',
          `Sync "${definition.name}" uses mapping "${definition.mappingId}", which no longer exists; edit the sync and pick a mapping.`,
          { syncId: definition.id },
        );
      throw error;
    });
    const [source, target] = await Promise.all([
      deps.connections.get(mapping.source.connectionId),
      deps.connections.get(mapping.target.connectionId),
    ]);
    const sourceDef = deps.catalog.get(source.connectorId);
    const targetDef = deps.catalog.get(target.connectorId);
    const resourceOf = (def: typeof sourceDef, name: string, side: string) => {
      const r = def.resources.find((x) => x.name === name);
      if (!r)
        throw new AppError(
          'not_found',
          `${def.name} has no resource "${name}" (the mapping's ${side}); edit the mapping.`,
          { side, resource: name },
        );
      return r;
    };
    const sourceResource = resourceOf(sourceDef, mapping.source.resource, 'source');
    const targetResource = resourceOf(targetDef, mapping.target.resource, 'target');
    // Fields the mapping declares itself win over the connectors' (the preview reads the same ones).
    const own = mapping.schemas;
    const sourceSchema = own?.source ?? sourceResource.fields;
    const targetSchema = own?.target ?? widenObjectFields(targetResource.fields, mapping);
    const matchField = mapping.matchKey?.targetField ?? targetResource.primaryKey;
    const fields = fieldsToAsk(mapping, sourceSchema, sourceResource.primaryKey);
    const sourceSpec: EndpointSpec = {
      kind: 'connector',
      definition: sourceDef,
      connection: source,
      secrets: await secretsOf(source, deps.secrets),
      resource: sourceResource.name,
      ...(fields ? { fields } : {}),
      ...rateOf(sourceDef, source),
    };
    const search = searchRecipeFor(targetDef.id, targetResource.name, matchField);
    const targetSpec: EndpointSpec = {
      kind: 'connector',
      definition: targetDef,
      connection: target,
      secrets: await secretsOf(target, deps.secrets),
      resource: targetResource.name,
      ...(search ? { search } : {}),
      ...rateOf(targetDef, target),
    };
    return {
      definition,
      mapping: mapping as MappingInput,
      sourceSchema,
      targetSchema,
      source: sourceSpec,
      target: targetSpec,
    };
  };
}

function rateOf(definition: ConnectorDefinition, connection: Connection): { rateLimits?: RateLimits } {
  // Only when the connection changes something: otherwise the client keeps the definition's own limits.
  if (!connection.rateSettings && !connection.learnedRate) return {};
  const limits = rateLimitsFor(definition, connection);
  return limits ? { rateLimits: limits } : {};
}
