import type { ConnectorDefinitionInput, OperationInput } from '../../../../shared/models/connector';
import type { FieldSchemaInput } from '../../../../shared/models/field-schema';

/**
 * CRM (HubSpot-compatible): HubSpot CRM v3 objects API — https://developers.hubspot.com/docs/api/crm/contacts
 * Checked against HubSpot's published CRM Contacts/Companies v3 documents by the contract tests.
 * Records are `{id, properties: {...}, createdAt, updatedAt, archived}`; every property value is a
 * string both ways (`wire: 'string'`; the mapping layer converts to and from the field's type). Lists
 * page with `?after=` from `paging.next.after`; "changed since" exists only as the search endpoint
 * with a `lastmodifieddate` filter (at most 10,000 results per search: the client re-windows by time);
 * `properties=a,b` selects fields; writes wrap values in `properties` (create also needs
 * `associations`); batch endpoints take `{inputs: [...]}` (max 100), upsert keyed by a unique property
 * (`idProperty: email`). The account's own fields come from the properties API (custom properties
 * appear there, `hubspotDefined: false`). Errors: `{status: 'error', message, category,
 * correlationId}`. Limits: 100 requests / 10 s (private app).
 */
const p = (name: string, extra: Partial<FieldSchemaInput> = {}): FieldSchemaInput => ({
  name,
  type: 'string',
  path: `properties.${name}`,
  wire: 'string',
  ...extra,
});
const meta: FieldSchemaInput[] = [
  { name: 'id', type: 'string', readOnly: true, description: 'HubSpot record id (hs_object_id)' },
  { name: 'createdAt', type: 'datetime', readOnly: true },
  { name: 'updatedAt', type: 'datetime', readOnly: true },
  { name: 'archived', type: 'boolean', readOnly: true },
];

function objectOps(type: string, uniqueProp: string, modifiedProp: string): Record<string, OperationInput> {
  const base = `/crm/v3/objects/${type}`;
  const batch = (what: string, extra: Partial<OperationInput> = {}): OperationInput => ({
    method: 'POST',
    path: `${base}/batch/${what}`,
    recordSelector: 'results',
    body: { batchKey: 'inputs', recordKey: 'properties' },
    ...extra,
  });
  const upsertBody = { batchKey: 'inputs', recordKey: 'properties', upsertIdProperty: uniqueProp };
  return {
    list: {
      method: 'GET',
      path: base,
      recordSelector: 'results',
      pagination: { style: 'cursor_in_body', cursorPath: 'paging.next.after', param: 'after' },
      pageSize: 100,
      pageSizeParam: 'limit',
      fieldSelection: { param: 'properties', style: 'comma' },
    },
    // "Changed since" and lookups: the search endpoint, parameters in its JSON body.
    search: {
      method: 'POST',
      path: `${base}/search`,
      paramsIn: 'body',
      recordSelector: 'results',
      pagination: { style: 'cursor_in_body', cursorPath: 'paging.next.after', param: 'after' },
      pageSize: 100,
      pageSizeParam: 'limit',
      fieldSelection: { param: 'properties', style: 'array' },
      // The document requires every one of these; `after: "0"` is the first page.
      bodyTemplate: { filterGroups: [], sorts: [modifiedProp], properties: [], after: '0' },
      incremental: { filter: { property: modifiedProp, operator: 'GTE', format: 'unix_ms' }, resultCap: 10_000 },
      match: { style: 'filter_groups' },
    },
    get: { method: 'GET', path: `${base}/{id}`, fieldSelection: { param: 'properties', style: 'comma' } },
    create: { method: 'POST', path: base, body: { recordKey: 'properties', fixed: { associations: [] } } },
    update: { method: 'PATCH', path: `${base}/{id}`, body: { recordKey: 'properties' } },
    upsert: batch('upsert', { idempotent: true, body: upsertBody }),
    batchRead: batch('read', {
      idempotent: true,
      body: { batchKey: 'inputs' },
      fieldSelection: { param: 'properties', style: 'array' },
      bodyTemplate: { properties: [], propertiesWithHistory: [] },
    }),
    batchCreate: batch('create', {
      body: { batchKey: 'inputs', recordKey: 'properties', fixed: { associations: [] } },
    }),
    batchUpdate: batch('update'),
    batchUpsert: batch('upsert', { idempotent: true, body: upsertBody }),
    delete: { method: 'DELETE', path: `${base}/{id}` },
  };
}

const discovery = (type: string) => ({
  path: `/crm/v3/properties/${type}`,
  recordSelector: 'results',
  customFlag: 'hubspotDefined',
  pathPrefix: 'properties.',
  wire: 'string' as const,
});

export const crmConnector: ConnectorDefinitionInput = {
  id: 'crm-hubspot',
  name: 'CRM (HubSpot-compatible)',
  description: 'Contacts and companies in a CRM that follows the HubSpot CRM v3 objects API.',
  logo: 'crm',
  docsUrl: 'https://developers.hubspot.com/docs/api/crm/contacts',
  followsApi: 'HubSpot CRM API v3 (objects: contacts, companies)',
  baseUrlTemplate: 'https://api.hubapi.com',
  authKinds: ['bearer', 'oauth2_authorization_code'],
  rateLimits: { requestsPerSecond: 10, burst: 10, maxConcurrency: 4 },
  testCall: { resource: 'contacts', operation: 'list' },
  errors: { retryStatuses: [429, 500, 502, 503, 504], messagePath: 'message' },
  resources: [
    {
      name: 'contacts',
      label: 'Contacts',
      primaryKey: 'id',
      cursorField: 'updatedAt',
      fields: [
        ...meta,
        p('email', { format: 'email', pii: true, description: 'Unique per contact (upsert key)' }),
        p('firstname', { pii: true }),
        p('lastname', { pii: true }),
        p('phone', { format: 'phone', pii: true }),
        p('mobilephone', { format: 'phone', pii: true }),
        p('company'),
        p('jobtitle'),
        p('address', { pii: true }),
        p('city'),
        p('zip', { format: 'postal_code' }),
        p('state'),
        p('country', { format: 'country' }),
        p('lifecyclestage', {
          enum: [
            'subscriber',
            'lead',
            'marketingqualifiedlead',
            'salesqualifiedlead',
            'opportunity',
            'customer',
            'evangelist',
            'other',
          ],
        }),
        p('website', { format: 'url' }),
        p('createdate', { type: 'datetime', readOnly: true }),
        p('lastmodifieddate', { type: 'datetime', readOnly: true }),
      ],
      operations: objectOps('contacts', 'email', 'lastmodifieddate'),
      lookups: { email: { operation: 'get', query: { idProperty: 'email' } } },
      discovery: discovery('contacts'),
    },
    {
      name: 'companies',
      label: 'Companies',
      primaryKey: 'id',
      cursorField: 'updatedAt',
      fields: [
        ...meta,
        p('name', { required: true }),
        p('domain', { format: 'url', description: 'HubSpot deduplicates companies by domain (upsert key)' }),
        p('phone', { format: 'phone' }),
        p('address'),
        p('city'),
        p('zip', { format: 'postal_code' }),
        p('state'),
        p('country', { format: 'country' }),
        p('industry'),
        p('numberofemployees', { type: 'integer' }),
        p('annualrevenue', { type: 'money', format: 'decimal' }),
        p('description'),
        p('createdate', { type: 'datetime', readOnly: true }),
        p('hs_lastmodifieddate', { type: 'datetime', readOnly: true }),
      ],
      operations: objectOps('companies', 'domain', 'hs_lastmodifieddate'),
      lookups: { domain: { operation: 'search' } },
      discovery: discovery('companies'),
    },
  ],
};
