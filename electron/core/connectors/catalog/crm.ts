import type { ConnectorDefinitionInput, OperationInput } from '../../../../shared/models/connector';
import type { FieldSchemaInput } from '../../../../shared/models/field-schema';

/**
 * CRM (HubSpot-compatible): HubSpot CRM v3 objects API — https://developers.hubspot.com/docs/api/crm/contacts
 * Records are `{id, properties: {...}, createdAt, updatedAt, archived}`; lists page with `?after=` from
 * `paging.next.after`; `properties=a,b` selects fields; writes wrap values in `properties`; batch
 * endpoints take `{inputs: [...]}` (max 100), upsert keyed by a unique property (`idProperty: email`).
 * Errors: `{status: 'error', message, category, correlationId}`. Limits: 100 requests / 10 s (private app).
 */
const p = (name: string, extra: Partial<FieldSchemaInput> = {}): FieldSchemaInput => ({
  name,
  type: 'string',
  path: `properties.${name}`,
  ...extra,
});
const meta: FieldSchemaInput[] = [
  { name: 'id', type: 'string', readOnly: true, description: 'HubSpot record id (hs_object_id)' },
  { name: 'createdAt', type: 'datetime', readOnly: true },
  { name: 'updatedAt', type: 'datetime', readOnly: true },
  { name: 'archived', type: 'boolean', readOnly: true },
];

function objectOps(type: string, uniqueProp: string): Record<string, OperationInput> {
  const base = `/crm/v3/objects/${type}`;
  const batch = (what: string, extra: Partial<OperationInput> = {}): OperationInput => ({
    method: 'POST',
    path: `${base}/batch/${what}`,
    recordSelector: 'results',
    body: { batchKey: 'inputs', recordKey: 'properties' },
    ...extra,
  });
  return {
    list: {
      method: 'GET',
      path: base,
      recordSelector: 'results',
      pagination: { style: 'cursor_in_body', cursorPath: 'paging.next.after', param: 'after' },
      pageSize: 100,
      pageSizeParam: 'limit',
      // HubSpot itself offers "changed since" only through the search API; the sandbox adds updatedAfter to list.
      incremental: { param: 'updatedAfter', format: 'iso8601' },
      fieldSelection: { param: 'properties', style: 'comma' },
    },
    get: { method: 'GET', path: `${base}/{id}`, fieldSelection: { param: 'properties', style: 'comma' } },
    create: { method: 'POST', path: base, body: { recordKey: 'properties' } },
    update: { method: 'PATCH', path: `${base}/{id}`, body: { recordKey: 'properties' } },
    upsert: batch('upsert', {
      idempotent: true,
      body: { batchKey: 'inputs', recordKey: 'properties', upsertIdProperty: uniqueProp },
    }),
    batchCreate: batch('create'),
    batchUpdate: batch('update'),
    batchUpsert: batch('upsert', {
      idempotent: true,
      body: { batchKey: 'inputs', recordKey: 'properties', upsertIdProperty: uniqueProp },
    }),
    delete: { method: 'DELETE', path: `${base}/{id}` },
  };
}

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
        p('customer_since', { type: 'date' }),
        p('lifetime_value', { type: 'money', format: 'decimal' }),
        p('external_id'),
        p('website', { format: 'url' }),
        p('createdate', { type: 'datetime', readOnly: true }),
        p('lastmodifieddate', { type: 'datetime', readOnly: true }),
      ],
      operations: objectOps('contacts', 'email'),
    },
    {
      name: 'companies',
      label: 'Companies',
      primaryKey: 'id',
      cursorField: 'updatedAt',
      fields: [
        ...meta,
        p('name', { required: true }),
        p('domain', { format: 'url', description: 'Unique per company in the sandbox (upsert key)' }),
        p('phone', { format: 'phone' }),
        p('address'),
        p('city'),
        p('zip', { format: 'postal_code' }),
        p('state'),
        p('country', { format: 'country' }),
        p('industry'),
        p('numberofemployees', { type: 'integer' }),
        p('annualrevenue', { type: 'money', format: 'decimal' }),
        p('external_id'),
        p('description'),
        p('createdate', { type: 'datetime', readOnly: true }),
        p('hs_lastmodifieddate', { type: 'datetime', readOnly: true }),
      ],
      operations: objectOps('companies', 'domain'),
    },
  ],
};
