import { AppError } from '../../../shared/errors';
import { compileMapping, type CompiledMapping } from '../../../shared/mapping/compile';
import type { Connection } from '../../../shared/models/connection';
import type { FieldSchemaInput } from '../../../shared/models/field-schema';
import type { LedgerEntryInput } from '../../../shared/models/logs';
import type { MappingDraft } from '../../../shared/models/mapping';
import type { ClientFactory } from '../access/client-factory';
import type { ConnectionService } from '../connections';
import type { ConnectorCatalog } from '../connectors/catalog';
import { userAgent } from '../connectors/http/identify';
import type { Ledger } from '../logs';
import type { MappingRepository } from '../mappings';
import { nest } from '../sync/field-paths';
import { widenObjectFields } from '../sync/resolve-plan';
import type { CatchUpSource } from './catch-up';
import type { FlowHandler } from './flow';
import { mappingFlow } from './mapping-flow';
import { callTransport, type Transport } from './transport';
import { errorMessage } from '../../../shared/error-message';

/**
 * The app's flow kinds, named in settings and in the outbox so they resolve after a restart:
 *   flow    `mapping:<mappingId>`            event → the saved mapping (sync engine transforms) → a create on its target
 *   target  `create:<connectionId>:<resource>` ConnectorClient.create with the delivery's idempotency id
 *   catchUp `mapping:<mappingId>`            list the mapping's source since the last event
 * e.g. shop order webhook → mapping "Shop orders → WMS shipments" → WMS SOAP CreateShipment.
 */
export interface AppFlowDeps {
  mappings: Pick<MappingRepository, 'get'>;
  connections: Pick<ConnectionService, 'get'>;
  catalog: Pick<ConnectorCatalog, 'get'>;
  clients: Pick<ClientFactory, 'forConnection'>;
  ledger: Pick<Ledger, 'record'>;
  log: { event(level: 'warn', kind: string, message: string, details?: Record<string, unknown>): void };
}

export const mappingFlowId = (mappingId: string) => `mapping:${mappingId}`;
export const createTargetId = (connectionId: string, resource: string) => `create:${connectionId}:${resource}`;

interface Resolved {
  mapping: MappingDraft;
  compiled: CompiledMapping;
  targetSchema: FieldSchemaInput[];
}

async function resourceFields(deps: AppFlowDeps, connectionId: string, resource: string): Promise<FieldSchemaInput[]> {
  const connection = await deps.connections.get(connectionId);
  const def = deps.catalog.get(connection.connectorId);
  const r = def.resources.find((x) => x.name === resource);
  if (!r) throw new AppError('not_found', `${def.name} has no resource "${resource}"; edit the mapping.`, { resource });
  return r.fields;
}

/** Compiled once per mapping version: events arrive one by one, compiling each time would dominate. */
function mappingResolver(deps: AppFlowDeps) {
  const cache = new Map<string, Resolved>();
  return async (mappingId: string): Promise<Resolved> => {
    const mapping = await deps.mappings.get(mappingId);
    const key = `${mapping.id}@${mapping.version}@${mapping.updatedAt}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const [sourceSchema, targetFields] = await Promise.all([
      resourceFields(deps, mapping.source.connectionId, mapping.source.resource),
      resourceFields(deps, mapping.target.connectionId, mapping.target.resource),
    ]);
    const targetSchema = widenObjectFields(targetFields, mapping);
    const resolved = { mapping, compiled: compileMapping(mapping, sourceSchema, targetSchema), targetSchema };
    cache.set(key, resolved);
    return resolved;
  };
}

export function mappingFlowKind(deps: AppFlowDeps): (mappingId: string) => FlowHandler {
  const resolve = mappingResolver(deps);
  return (mappingId) => ({
    async handle(event) {
      let r: Resolved;
      try {
        r = await resolve(mappingId);
      } catch (err) {
        // A deleted mapping or connection is a setup problem of this endpoint: park with the reason.
        return { kind: 'park', reason: `flow ${mappingFlowId(mappingId)} cannot run: ${errorMessage(err)}` };
      }
      return mappingFlow({
        apply: (record) => r.compiled.apply(record),
        targetId: createTargetId(r.mapping.target.connectionId, r.mapping.target.resource),
        // Mappings speak flat field names; the API nests them by the schema paths (as the sync engine writes).
        wrap: (payload) => nest(payload, r.targetSchema),
      }).handle(event);
    },
  });
}

function integratorHeader(c: Connection): string {
  const i = c.integrator;
  return i.headerName && i.headerValue
    ? `${i.headerName}: ${i.headerValue}`
    : `User-Agent: ${userAgent(undefined, i.contact)}`;
}

/** Dotted leaf paths of a payload (arrays count as one field): what the ledger says was written. */
function fieldPaths(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return prefix ? [prefix] : [];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
    fieldPaths(v, prefix ? `${prefix}.${k}` : k),
  );
}

function recordLedger(deps: AppFlowDeps, entry: LedgerEntryInput): void {
  try {
    deps.ledger.record(entry);
  } catch (error) {
    deps.log.event(
      'warn',
      'ledger_failed',
      `The data-access ledger could not record webhook flow ${entry.flowId}: ${errorMessage(error)}`,
    );
  }
}

async function ledgerBase(deps: AppFlowDeps, connectionId: string, resource: string, flowId: string) {
  const c = await deps.connections.get(connectionId);
  return {
    flowKind: 'webhook' as const,
    flowId,
    connectionId,
    resource,
    host: new URL(c.baseUrl).host,
    credential: { connectionId, authKind: c.authKind },
    integratorHeader: integratorHeader(c),
  };
}

/**
 * The runtime's own retries stay short inside a delivery attempt: the outbox owns the long
 * schedule (a day by default) and records each attempt, so a long outage must not hold one
 * attempt open for minutes honouring Retry-After.
 */
const DELIVERY_RETRY = { maxAttempts: 3, maxTotalWaitMs: 5_000 };
/** A delivery does not sit in a long Retry-After pause: it fails with the wait, and the outbox reschedules it then. */
const DELIVERY_MAX_SERVER_PAUSE_MS = 5_000;

/** `create:<connectionId>:<resource>`: the call is tagged with the delivery id, so its calls show under that run in the call log. */
export function createTargetKind(deps: AppFlowDeps): (arg: string) => Transport {
  return (arg) => {
    const cut = arg.lastIndexOf(':');
    const connectionId = arg.slice(0, cut);
    const resource = arg.slice(cut + 1);
    return (req) =>
      callTransport(async (payload, ctx) => {
        if (cut <= 0)
          throw new AppError('invalid_input', `Delivery target "create:${arg}" is not <connectionId>:<resource>.`);
        const client = await deps.clients.forConnection(connectionId, {
          runId: req.id,
          options: { retry: DELIVERY_RETRY, maxServerPauseMs: DELIVERY_MAX_SERVER_PAUSE_MS },
        });
        await client.create(resource, payload as Record<string, unknown>, {
          idempotencyKey: ctx.idempotencyId,
          signal: ctx.signal,
        });
        recordLedger(deps, {
          ...(await ledgerBase(deps, connectionId, resource, req.id)),
          direction: 'write',
          fields: fieldPaths(payload),
          recordCount: 1,
        });
      })(req);
  };
}

/** `mapping:<mappingId>`: what the mapping's source changed since `since`, through the connector (Shopify lists need status=any: the definition pins it). */
export function mappingCatchUpKind(deps: AppFlowDeps): (mappingId: string) => CatchUpSource {
  return (mappingId) => ({
    async list(since, signal) {
      const mapping = await deps.mappings.get(mappingId);
      const { connectionId, resource } = mapping.source;
      const runId = `catchup-${mappingId}-${Date.now()}`;
      const client = await deps.clients.forConnection(connectionId, { runId });
      const records: Record<string, unknown>[] = [];
      for await (const r of client.list(resource, { since: since ?? undefined, signal })) records.push(r);
      if (records.length > 0) {
        const fields = (await resourceFields(deps, connectionId, resource)).map((f) => f.name);
        recordLedger(deps, {
          ...(await ledgerBase(deps, connectionId, resource, runId)),
          direction: 'read',
          fields,
          recordCount: records.length,
        });
      }
      return records;
    },
  });
}
