import { compileMapping } from '../../../shared/mapping';
import type { CallEvent } from '../../../shared/models/call-event';
import type { Connection } from '../../../shared/models/connection';
import type { ConnectorDefinition, RateLimits } from '../../../shared/models/connector';
import { createApplier } from '../auth/create-applier';
import { ConnectorClient } from '../connectors/client';
import { ConnectorSource } from './adapters/connector-source';
import { ConnectorTarget, type SearchRecipe } from './adapters/connector-target';
import { RunSecrets } from './adapters/memory-secrets';
import { FieldSchema, type FieldSchemaInput } from '../../../shared/models/field-schema';
import type { MappingInput } from '../../../shared/models/mapping';
import { SyncDefinition } from '../../../shared/models/sync';
import type { EngineOptions } from './engine';
import type { SourceReader, TargetWriter } from './ports';

/**
 * Everything a run needs, as plain data: it crosses into the worker thread (structured clone), so
 * it holds values, not objects. Secrets travel only here, only for the run's two endpoints, and
 * are never logged.
 */
export interface EndpointSpec {
  /** The one path: a stored connection through the connector runtime. */
  kind: 'connector';
  definition: ConnectorDefinition;
  connection: Connection;
  /** This connection's secret fields, read from the keychain by the main thread. */
  secrets: Record<string, string>;
  resource: string;
  /** Source: fields to ask for. */
  fields?: string[];
  /** Target: how to find a record by match key (see SearchRecipe). */
  search?: SearchRecipe;
  /** The account's real limits when they differ from the connector's defaults. */
  rateLimits?: RateLimits;
}

export interface BuildContext {
  runId?: string;
  /** Call events of the run (the worker forwards them to the main thread's log store). */
  onCall?: (event: CallEvent) => void;
  /** A credential the provider rotated during the run (to be saved in the keychain by the main thread). */
  onSecretRotated?: (connectionId: string, field: string, value: string) => void;
  /** Every client the run builds (the worker asks them at the end what rate they learned). */
  onClient?: (connectionId: string, client: ConnectorClient) => void;
  /** A refresh failed with invalid_grant: the connection needs the user to sign in again. */
  onNeedsReauthorization?: (connectionId: string) => void;
}

function clientOf(spec: EndpointSpec, plan: RunPlan, ctx: BuildContext): ConnectorClient {
  const c = spec.connection;
  const applier = createApplier(c, new RunSecrets({ [c.id]: { ...spec.secrets } }, ctx.onSecretRotated), {
    onNeedsReauthorization: (id) => ctx.onNeedsReauthorization?.(id),
  });
  const client = new ConnectorClient(
    spec.definition,
    {
      id: c.id,
      baseUrl: c.baseUrl,
      allowedHosts: c.allowedHosts,
      integrator: c.integrator,
      apiVersion: c.apiVersion,
      settings: c.settings,
    },
    applier,
    ctx.onCall,
    {
      runId: ctx.runId,
      syncId: plan.definition.id,
      ...(plan.timeoutMs ? { timeoutMs: plan.timeoutMs } : {}),
      ...(spec.rateLimits ? { rateLimits: spec.rateLimits } : {}),
    },
  );
  ctx.onClient?.(c.id, client);
  return client;
}

export interface RunPlan {
  definition: SyncDefinition;
  mapping: MappingInput;
  sourceSchema: FieldSchemaInput[];
  targetSchema: FieldSchemaInput[];
  source: EndpointSpec;
  target: EndpointSpec;
  timeoutMs?: number;
}

export function buildReader(spec: EndpointSpec, plan: RunPlan, ctx: BuildContext = {}): SourceReader {
  return new ConnectorSource({ client: clientOf(spec, plan, ctx), resource: spec.resource, fields: spec.fields });
}

export function buildWriter(
  spec: EndpointSpec,
  schema: readonly FieldSchema[],
  plan: RunPlan,
  ctx: BuildContext = {},
): TargetWriter {
  const key = plan.mapping.matchKey;
  return new ConnectorTarget({
    client: clientOf(spec, plan, ctx),
    resource: spec.resource,
    schema,
    matchField: key?.targetField ?? 'id',
    normalization: key?.normalization ?? 'trim',
    search: spec.search,
  });
}

/** Compile the plan into the engine's parts (done inside the worker: the compiled mapping holds functions). */
export function partsOf(
  plan: RunPlan,
  ctx: BuildContext = {},
): Pick<EngineOptions, 'definition' | 'reader' | 'writer' | 'mapper' | 'targetSchema'> {
  const targetSchema = plan.targetSchema.map((f) => FieldSchema.parse(f));
  const compiled = compileMapping(plan.mapping, plan.sourceSchema, plan.targetSchema);
  return {
    definition: SyncDefinition.parse(plan.definition),
    reader: buildReader(plan.source, plan, ctx),
    writer: buildWriter(plan.target, targetSchema, plan, ctx),
    mapper: {
      version: compiled.mapping.version,
      apply: compiled.apply,
      issues: compiled.issues,
      onlyWhenChanged: compiled.onlyWhenChanged,
    },
    targetSchema,
  };
}
