import { ConnectorCatalog, memoryConnectorStore } from '../../../electron/core/connectors/catalog';
import type { EndpointSpec, RunPlan } from '../../../electron/core/sync/plan';
import { searchRecipeFor } from '../../../electron/core/sync/search-recipes';
import {
  BILLING_CUSTOMER_FIELDS,
  CRM_CONTACT_FIELDS,
  DEMO_CRM_PROPERTIES,
  demoMapping,
  demoSync,
} from '../../../electron/demo/mapping';
import type { MappingInput } from '../../../shared/models/mapping';
import { SyncDefinition, type SyncDefinitionInput } from '../../../shared/models/sync';
import { testConnection } from '../../helpers/demo-plan';
import type { Harness } from './harness';

const FAST = { requestsPerSecond: 500, burst: 100, maxConcurrency: 8 };

/** The sandbox's tools as connector endpoints: catalog definitions, connections, the runtime. */
export async function sandboxEndpoints(h: Harness) {
  const catalog = await ConnectorCatalog.open(memoryConnectorStore());
  const { urls, credentials } = h.sandbox;
  return {
    catalog,
    crm: (resource = 'contacts', fields: string[] = DEMO_CRM_PROPERTIES): EndpointSpec => ({
      kind: 'connector',
      definition: catalog.get('crm-hubspot'),
      connection: testConnection('crm', 'crm-hubspot', urls.crm),
      secrets: { token: credentials.crm.accessToken },
      resource,
      fields,
      rateLimits: FAST,
    }),
    billing: (resource = 'customers', matchField = 'email'): EndpointSpec => ({
      kind: 'connector',
      definition: catalog.get('billing-stripe'),
      connection: testConnection('billing', 'billing-stripe', urls.billing),
      secrets: { token: credentials.billing.secretKey },
      resource,
      search: searchRecipeFor('billing-stripe', resource, matchField),
      rateLimits: FAST,
    }),
  };
}

/** The demo CRM contacts → billing customers sync on the connector path, with what a test changes. */
export async function demoConnectorPlan(
  h: Harness,
  change: { mapping?: (m: MappingInput) => MappingInput; sync?: Partial<SyncDefinitionInput> } = {},
): Promise<RunPlan> {
  const ends = await sandboxEndpoints(h);
  const mapping = demoMapping({ crm: 'crm', billing: 'billing' });
  return {
    definition: SyncDefinition.parse({ ...demoSync(), ...change.sync }),
    mapping: change.mapping ? change.mapping(mapping) : mapping,
    sourceSchema: CRM_CONTACT_FIELDS,
    targetSchema: BILLING_CUSTOMER_FIELDS,
    source: ends.crm(),
    target: ends.billing(),
  };
}
