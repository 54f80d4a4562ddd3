import type { ConnectorDefinitionInput, OperationInput } from '../../../../shared/models/connector';

/**
 * Billing (Stripe-compatible): Stripe API — https://docs.stripe.com/api/customers
 * Checked by the contract tests against Stripe's published OpenAPI document; the pinned API version
 * is the one that document describes (it has the Tax Calculations API of mid-2023 and none of the
 * 2023-08-16 changes, so 2022-11-15). Form-encoded request bodies (`metadata[key]=v`), lists `{object:'list', data, has_more}` paged with
 * `starting_after=<last id>`, `created[gte]` filter (Unix seconds), `Idempotency-Key` on POST, the API
 * version pinned by `Stripe-Version`, errors `{error: {type, code, message, param}}`; updates are POSTs.
 * Amounts are integers in minor units; times are Unix seconds.
 */
const listOp = (path: string): OperationInput => ({
  method: 'GET',
  path,
  recordSelector: 'data',
  pagination: { style: 'id_cursor', param: 'starting_after', hasMorePath: 'has_more' },
  pageSize: 100,
  pageSizeParam: 'limit',
  // Stripe lists filter on creation time only; changed records need events/webhooks.
  incremental: { param: 'created[gte]', format: 'unix' },
});
/** Stripe Search (`GET /v1/<things>/search?query=…`): pages with `page` = the previous answer's `next_page`. */
const searchOp = (path: string): OperationInput => ({
  method: 'GET',
  path,
  recordSelector: 'data',
  pagination: { style: 'cursor_in_body', cursorPath: 'next_page', param: 'page' },
  pageSize: 100,
  pageSizeParam: 'limit',
  match: { style: 'query_language', param: 'query' },
});
const write = (method: 'POST' | 'DELETE', path: string): OperationInput => ({
  method,
  path,
  bodyEncoding: 'form',
  ...(method === 'POST' ? { idempotencyKeyHeader: 'Idempotency-Key' } : {}),
});

export const billingConnector: ConnectorDefinitionInput = {
  id: 'billing-stripe',
  name: 'Billing (Stripe-compatible)',
  description: 'Customers and invoices in a billing system that follows the Stripe API.',
  logo: 'billing',
  docsUrl: 'https://docs.stripe.com/api',
  followsApi: 'Stripe API (customers, invoices), version 2022-11-15',
  baseUrlTemplate: 'https://api.stripe.com',
  authKinds: ['bearer', 'basic'],
  apiVersion: { header: 'Stripe-Version', value: '2022-11-15' },
  // Stripe: 100 read/write operations per second live, 25 in test mode.
  rateLimits: { requestsPerSecond: 25, burst: 25, maxConcurrency: 8 },
  testCall: { resource: 'customers', operation: 'list' },
  errors: { retryStatuses: [429, 500, 502, 503, 504], messagePath: 'error.message' },
  resources: [
    {
      name: 'customers',
      label: 'Customers',
      primaryKey: 'id',
      cursorField: 'created',
      fields: [
        { name: 'id', type: 'string', readOnly: true, description: 'cus_…' },
        { name: 'email', type: 'string', format: 'email', pii: true },
        { name: 'name', type: 'string', pii: true },
        { name: 'phone', type: 'string', format: 'phone', pii: true },
        { name: 'description', type: 'string' },
        { name: 'address_line1', type: 'string', path: 'address.line1', pii: true },
        { name: 'address_line2', type: 'string', path: 'address.line2', pii: true },
        { name: 'address_city', type: 'string', path: 'address.city' },
        { name: 'address_postal_code', type: 'string', path: 'address.postal_code', format: 'postal_code' },
        { name: 'address_state', type: 'string', path: 'address.state' },
        { name: 'address_country', type: 'string', path: 'address.country', format: 'country' },
        { name: 'currency', type: 'string', format: 'currency', readOnly: true },
        { name: 'balance', type: 'money', format: 'minor_units' },
        { name: 'delinquent', type: 'boolean', readOnly: true },
        { name: 'tax_exempt', type: 'string', enum: ['none', 'exempt', 'reverse'] },
        { name: 'preferred_locales', type: 'array' },
        { name: 'metadata', type: 'object', description: 'Up to 50 string keys' },
        { name: 'created', type: 'integer', readOnly: true, description: 'Unix seconds' },
      ],
      operations: {
        list: listOp('/v1/customers'),
        search: searchOp('/v1/customers/search'),
        get: { method: 'GET', path: '/v1/customers/{id}' },
        create: write('POST', '/v1/customers'),
        update: write('POST', '/v1/customers/{id}'),
        delete: write('DELETE', '/v1/customers/{id}'),
      },
      lookups: { email: { operation: 'search' } },
    },
    {
      name: 'invoices',
      label: 'Invoices',
      primaryKey: 'id',
      cursorField: 'created',
      fields: [
        { name: 'id', type: 'string', readOnly: true, description: 'in_…' },
        { name: 'customer', type: 'string', required: true, description: 'cus_… id' },
        { name: 'customer_email', type: 'string', format: 'email', pii: true, readOnly: true },
        { name: 'number', type: 'string', readOnly: true },
        { name: 'status', type: 'string', enum: ['draft', 'open', 'paid', 'uncollectible', 'void'], readOnly: true },
        // Set when the invoice is created; the update endpoint takes no currency.
        { name: 'currency', type: 'string', format: 'currency', createOnly: true },
        { name: 'amount_due', type: 'money', format: 'minor_units', readOnly: true },
        { name: 'amount_paid', type: 'money', format: 'minor_units', readOnly: true },
        { name: 'amount_remaining', type: 'money', format: 'minor_units', readOnly: true },
        { name: 'total', type: 'money', format: 'minor_units', readOnly: true },
        { name: 'collection_method', type: 'string', enum: ['charge_automatically', 'send_invoice'] },
        // A write-time instruction (Stripe computes due_date from it); invoices never return it.
        { name: 'days_until_due', type: 'integer', writeOnly: true },
        { name: 'due_date', type: 'integer', description: 'Unix seconds' },
        { name: 'description', type: 'string' },
        { name: 'lines', type: 'array', path: 'lines.data', readOnly: true },
        { name: 'metadata', type: 'object' },
        { name: 'created', type: 'integer', readOnly: true, description: 'Unix seconds' },
      ],
      operations: {
        list: listOp('/v1/invoices'),
        search: searchOp('/v1/invoices/search'),
        get: { method: 'GET', path: '/v1/invoices/{id}' },
        create: write('POST', '/v1/invoices'),
        update: write('POST', '/v1/invoices/{id}'),
        delete: write('DELETE', '/v1/invoices/{id}'),
      },
      lookups: { number: { operation: 'search' } },
    },
  ],
};
