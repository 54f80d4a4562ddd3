import { builtinConnectors } from '../../electron/core/connectors/catalog/builtin';
import type { EngineOptions } from '../../electron/core/sync/engine';
import { partsOf, type BuildContext, type RunPlan } from '../../electron/core/sync/plan';
import { searchRecipeFor } from '../../electron/core/sync/search-recipes';
import { Connection } from '../../shared/models/connection';
import { OperationName, type ConnectorDefinition, type RateLimits } from '../../shared/models/connector';
import { SyncDefinition, type SyncDefinitionInput } from '../../shared/models/sync';
import {
  BILLING_CUSTOMER_FIELDS,
  CRM_CONTACT_FIELDS,
  DEMO_CRM_PROPERTIES,
  demoMapping,
  demoSync,
} from '../../electron/demo/mapping';

/**
 * The demo sync (CRM contacts → billing customers) over the product path: two stored-looking
 * connections, the built-in connector definitions and the connector runtime, pointed at sandbox
 * servers on 127.0.0.1. The crash test's child process, the worker, service and engine tests all
 * start from here, so what they prove holds for what the app runs.
 */
export interface DemoPlanSpec {
  crm: { baseUrl: string; token: string };
  billing: {
    baseUrl: string;
    secretKey: string;
    /** false: the target's create declares no idempotency key header (an API without them). */
    useIdempotencyKey?: boolean;
  };
  /** Both connections' limits; the default is far above what the sandbox (limits off) refuses. */
  rateLimits?: RateLimits;
  definition?: Partial<SyncDefinitionInput>;
  mappingVersion?: number;
  timeoutMs?: number;
}

/** Fast enough that a test's run is bound by the engine, not by the connectors' published limits. */
export const TEST_RATE_LIMITS: RateLimits = { requestsPerSecond: 1000, burst: 100, maxConcurrency: 16 };

/** A connection as the connections store would hold it, allowed to reach only its own base URL's host. */
export function testConnection(
  id: string,
  connectorId: string,
  baseUrl: string,
  settings?: Record<string, string>,
): Connection {
  return Connection.parse({
    id,
    name: id,
    connectorId,
    baseUrl,
    authKind: 'bearer',
    authSettings: {},
    integrator: { contact: 'tests@patchbay.invalid' },
    allowedHosts: [new URL(baseUrl).host],
    createdAt: '2024-06-11T00:00:00Z',
    updatedAt: '2024-06-11T00:00:00Z',
    warnings: [],
    needsReauthorization: false,
    secrets: {},
    ...(settings ? { settings } : {}),
  });
}

/** A built-in connector definition by id (validated as the catalog loads it). */
export function builtinDefinition(id: string): ConnectorDefinition {
  const found = builtinConnectors().find((d) => d.id === id);
  if (!found) throw new Error(`No built-in connector "${id}".`);
  return found;
}

/** The definition as an API without idempotency keys would be described: no create declares the header. */
export function withoutIdempotencyKeys(definition: ConnectorDefinition): ConnectorDefinition {
  return {
    ...definition,
    resources: definition.resources.map((r) => {
      const operations: typeof r.operations = {};
      for (const name of OperationName.options) {
        const op = r.operations[name];
        if (!op) continue;
        const { idempotencyKeyHeader: _header, ...rest } = op;
        operations[name] = rest;
      }
      return { ...r, operations };
    }),
  };
}

export function demoPlan(spec: DemoPlanSpec): RunPlan {
  const rateLimits = spec.rateLimits ?? TEST_RATE_LIMITS;
  const billing = builtinDefinition('billing-stripe');
  return {
    definition: SyncDefinition.parse({ ...demoSync(), ...spec.definition }),
    mapping: demoMapping({ crm: 'crm', billing: 'billing' }, spec.mappingVersion ?? 1),
    sourceSchema: CRM_CONTACT_FIELDS,
    targetSchema: BILLING_CUSTOMER_FIELDS,
    source: {
      kind: 'connector',
      definition: builtinDefinition('crm-hubspot'),
      connection: testConnection('crm', 'crm-hubspot', spec.crm.baseUrl),
      secrets: { token: spec.crm.token },
      resource: 'contacts',
      fields: DEMO_CRM_PROPERTIES,
      rateLimits,
    },
    target: {
      kind: 'connector',
      definition: spec.billing.useIdempotencyKey === false ? withoutIdempotencyKeys(billing) : billing,
      connection: testConnection('billing', 'billing-stripe', spec.billing.baseUrl),
      secrets: { token: spec.billing.secretKey },
      resource: 'customers',
      search: searchRecipeFor('billing-stripe', 'customers', 'email'),
      rateLimits,
    },
    timeoutMs: spec.timeoutMs,
  };
}

/** The engine's parts for the demo plan, built in this thread (no worker). */
export function demoParts(
  spec: DemoPlanSpec,
  ctx: BuildContext = {},
): Pick<EngineOptions, 'definition' | 'reader' | 'writer' | 'mapper' | 'targetSchema'> {
  return partsOf(demoPlan(spec), ctx);
}
