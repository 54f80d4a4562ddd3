import type { FieldSchemaInput } from '../../shared/models/field-schema';
import type { MappingInput } from '../../shared/models/mapping';
import type { SyncDefinitionInput } from '../../shared/models/sync';
import { billingConnector } from '../core/connectors/catalog/billing';
import { crmConnector } from '../core/connectors/catalog/crm';

/**
 * The demo workspace's sync: CRM contacts → billing customers, 20 rules. Used by `patchbay demo`,
 * the integration tests, the crash test and the benchmark, so all of them exercise the same mapping.
 */
export const CRM_CONTACT_FIELDS: FieldSchemaInput[] = [
  ...crmConnector.resources.find((r) => r.name === 'contacts')!.fields,
  // Not HubSpot properties: custom properties of the sandbox account, as its properties API lists them.
  { name: 'customer_since', type: 'date', path: 'properties.customer_since', wire: 'string', custom: true },
  {
    name: 'lifetime_value',
    type: 'number',
    format: 'decimal',
    path: 'properties.lifetime_value',
    wire: 'string',
    custom: true,
  },
];

const meta = (key: string, description: string): FieldSchemaInput => ({
  name: `metadata_${key}`,
  type: 'string',
  path: `metadata.${key}`,
  description,
});

/**
 * Billing customer fields as the mapping writes them: the connector's fields plus Stripe metadata
 * keys (each `metadata.<key>` is its own target field, so rules can fill them one by one). The
 * phone is kept as text: the CRM holds national numbers without a country the rule could use.
 */
export const BILLING_CUSTOMER_FIELDS: FieldSchemaInput[] = [
  ...billingConnector.resources
    .find((r) => r.name === 'customers')!
    .fields.filter((f) => f.name !== 'metadata')
    .map((f) => (f.name === 'phone' ? { ...f, format: undefined } : f)),
  meta('crm_id', 'CRM contact id'),
  meta('company', 'Company name in the CRM'),
  meta('jobtitle', 'Job title'),
  meta('lifecycle', 'CRM lifecycle stage'),
  meta('customer_since', 'Customer since (YYYY-MM-DD)'),
  meta('lifetime_value', 'Lifetime value, decimal'),
  meta('source', 'Which tool wrote the record'),
  meta('first_name', 'First name'),
  meta('last_name', 'Last name'),
];

export const DEMO_MAPPING_ID = 'demo-crm-contacts-to-billing-customers';
export const DEMO_SYNC_ID = 'demo-crm-to-billing';

const copy = (
  id: string,
  target: string,
  source: string,
  transforms: MappingInput['rules'] extends (infer R)[] | undefined
    ? R extends { transforms?: infer T }
      ? T
      : never
    : never = [],
) => ({
  id,
  target,
  sources: [source],
  transforms,
});

export function demoMapping(connections: { crm: string; billing: string }, version = 1): MappingInput {
  return {
    id: DEMO_MAPPING_ID,
    name: 'CRM contacts → billing customers',
    version,
    source: { connectionId: connections.crm, resource: 'contacts' },
    target: { connectionId: connections.billing, resource: 'customers' },
    matchKey: { sourceRule: 'r-email', targetField: 'email', normalization: 'email' },
    unmappedRequired: 'error',
    // Billing metadata keys as fields of their own, and the phone as text: what the connectors cannot say.
    schemas: { source: CRM_CONTACT_FIELDS, target: BILLING_CUSTOMER_FIELDS },
    updatedAt: '2024-06-11T00:00:00.000Z',
    // Every rule "only when changed": an update sends just what differs from the billing record.
    rules: (
      [
        copy('r-email', 'email', 'email', [{ kind: 'email', onInvalid: 'null' }]),
        {
          id: 'r-name',
          target: 'name',
          sources: ['firstname', 'lastname'],
          transforms: [{ kind: 'concat', separator: ' ' }, { kind: 'collapse_spaces' }, { kind: 'trim' }],
        },
        copy('r-phone', 'phone', 'phone', [{ kind: 'collapse_spaces' }, { kind: 'trim' }]),
        copy('r-line1', 'address_line1', 'address', [{ kind: 'trim' }]),
        copy('r-city', 'address_city', 'city', [{ kind: 'trim' }]),
        copy('r-zip', 'address_postal_code', 'zip', [{ kind: 'trim' }, { kind: 'case', to: 'upper' }]),
        copy('r-state', 'address_state', 'state', [{ kind: 'trim' }]),
        copy('r-country', 'address_country', 'country', [{ kind: 'country', unknown: 'null' }]),
        {
          id: 'r-desc',
          target: 'description',
          sources: ['id'],
          transforms: [{ kind: 'template', template: 'CRM contact {0}' }],
        },
        copy('r-crm-id', 'metadata_crm_id', 'id'),
        copy('r-company', 'metadata_company', 'company', [{ kind: 'trim' }]),
        copy('r-job', 'metadata_jobtitle', 'jobtitle', [{ kind: 'trim' }]),
        copy('r-stage', 'metadata_lifecycle', 'lifecyclestage', [
          {
            kind: 'lookup',
            table: [
              { from: 'subscriber', to: 'lead' },
              { from: 'lead', to: 'lead' },
              { from: 'marketingqualifiedlead', to: 'lead' },
              { from: 'salesqualifiedlead', to: 'prospect' },
              { from: 'opportunity', to: 'prospect' },
              { from: 'customer', to: 'customer' },
              { from: 'evangelist', to: 'customer' },
            ],
            unmatched: 'keep',
          },
        ]),
        copy('r-since', 'metadata_customer_since', 'customer_since', [
          { kind: 'date', formats: ['unix_ms', 'ISO', 'DD/MM/YYYY'], output: 'date' },
        ]),
        copy('r-ltv', 'metadata_lifetime_value', 'lifetime_value', [{ kind: 'number', output: 'decimal_string' }]),
        {
          id: 'r-source',
          target: 'metadata_source',
          sources: [],
          transforms: [{ kind: 'constant', value: 'patchbay-demo' }],
        },
        { id: 'r-tax', target: 'tax_exempt', sources: [], transforms: [{ kind: 'constant', value: 'none' }] },
        copy('r-first', 'metadata_first_name', 'firstname', [{ kind: 'trim' }]),
        copy('r-last', 'metadata_last_name', 'lastname', [{ kind: 'trim' }, { kind: 'case', to: 'title' }]),
        copy('r-line2', 'address_line2', 'mobilephone', [{ kind: 'trim' }]),
      ] satisfies NonNullable<MappingInput['rules']>
    ).map((rule) => ({ ...rule, onlyWhenChanged: true })),
  };
}

export function demoSync(): SyncDefinitionInput {
  return demoSyncDefinition(DEMO_SYNC_ID, 'Demo: CRM contacts → billing customers', DEMO_MAPPING_ID);
}

/** The demo's syncs differ only in what they are called and which mapping they run. */
export function demoSyncDefinition(id: string, name: string, mappingId: string): SyncDefinitionInput {
  return {
    id,
    name,
    mappingId,
    mode: 'full',
    writeStrategy: 'upsert',
    dedup: 'newest_wins',
    failurePolicy: { quarantine: true, stopAfterErrors: null },
    schedule: null,
    enabled: true,
  };
}

/** CRM properties the demo mapping reads (what the source is asked for). */
export const DEMO_CRM_PROPERTIES = [
  'email',
  'firstname',
  'lastname',
  'phone',
  'mobilephone',
  'company',
  'jobtitle',
  'address',
  'city',
  'zip',
  'state',
  'country',
  'lifecyclestage',
  'customer_since',
  'lifetime_value',
];
