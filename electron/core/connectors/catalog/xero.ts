import type { ConnectorDefinitionInput, OperationInput } from '../../../../shared/models/connector';
import type { FieldSchemaInput } from '../../../../shared/models/field-schema';

/**
 * Accounting (Xero): Xero Accounting API 2.0 — https://developer.xero.com/documentation/api/accounting/overview
 * Checked by the contract tests against Xero's published OpenAPI document (xero-accounting 16.1.0).
 * OAuth 2.0 authorization code; the organisation (tenant) is chosen after sign-in from
 * `GET https://api.xero.com/connections` and sent as `xero-tenant-id` on every call. Lists wrap records
 * in a key named like the resource (`{Contacts: [...]}`), page with `page=1,2,…` (`pageSize` up to
 * 1000) and end on a short page; "changed since" is the `If-Modified-Since` header. Every write sends
 * a list (`{Contacts: [{…}]}`): PUT creates, POST to `/{id}` updates, and an `Idempotency-Key` makes a
 * retried write safe. Timestamps are Microsoft JSON dates `/Date(1573755038314+0000)/`; writes take ISO
 * dates. Errors: 400 `{ErrorNumber, Type: 'ValidationException', Message, Elements: [{ValidationErrors:
 * [{Message}]}]}`, 401/403 problem JSON `{Title, Detail}`, 404 plain text, 429 with `Retry-After` and
 * `X-Rate-Limit-Problem: minute|day|concurrent`. Limits per organisation: 60 calls a minute, 5,000 a
 * day, 5 at a time.
 */
const PAGE_SIZE = 100;
const listOp = (key: string, opts: { paged?: boolean } = {}): OperationInput => ({
  method: 'GET',
  path: `/${key}`,
  recordSelector: key,
  ...(opts.paged === false
    ? {}
    : {
        pagination: { style: 'page_number', pageParam: 'page', sizeParam: 'pageSize', firstPage: 1 },
        pageSize: PAGE_SIZE,
      }),
  incremental: { header: 'If-Modified-Since', format: 'iso8601' },
});
const whereOp = (key: string): OperationInput => ({
  ...listOp(key),
  incremental: undefined,
  match: { style: 'where_expression', param: 'where' },
});
const write = (method: 'PUT' | 'POST', path: string, key: string, batch = false): OperationInput => ({
  method,
  path,
  recordSelector: key,
  idempotencyKeyHeader: 'Idempotency-Key',
  body: batch ? { batchKey: key } : { listKey: key },
});
function crud(key: string): Record<string, OperationInput> {
  return {
    get: { method: 'GET', path: `/${key}/{id}`, recordSelector: key },
    create: write('PUT', `/${key}`, key),
    update: write('POST', `/${key}/{id}`, key),
    batchCreate: write('PUT', `/${key}`, key, true),
  };
}
const updated: FieldSchemaInput = {
  name: 'UpdatedDateUTC',
  type: 'datetime',
  wire: 'json_date',
  readOnly: true,
  description: '/Date(ms+0000)/',
};
const money = (name: string, extra: Partial<FieldSchemaInput> = {}): FieldSchemaInput => ({
  name,
  type: 'money',
  format: 'decimal',
  ...extra,
});

export const xeroConnector: ConnectorDefinitionInput = {
  id: 'accounting-xero',
  name: 'Accounting (Xero)',
  description: 'Contacts, invoices, items and payments of a Xero organisation.',
  logo: 'accounting',
  docsUrl: 'https://developer.xero.com/documentation/api/accounting/overview',
  followsApi: 'Xero Accounting API 2.0 (OpenAPI 16.1.0)',
  baseUrlTemplate: 'https://api.xero.com/api.xro/2.0',
  settings: [{ name: 'tenantId', label: 'Organisation (Xero tenant id)', required: true }],
  headers: { 'xero-tenant-id': '{tenantId}' },
  settingChoice: {
    setting: 'tenantId',
    path: '/connections',
    valueField: 'tenantId',
    labelField: 'tenantName',
  },
  authKinds: ['oauth2_authorization_code', 'bearer'],
  oauth2: {
    authorizeUrl: 'https://login.xero.com/identity/connect/authorize',
    tokenUrl: 'https://identity.xero.com/connect/token',
    scopes: ['offline_access', 'accounting.contacts', 'accounting.transactions', 'accounting.settings'],
  },
  // Per organisation: 60 calls in any minute, 5,000 a day, at most 5 in flight.
  rateLimits: {
    requestsPerSecond: 1,
    burst: 5,
    maxConcurrency: 5,
    windows: [
      { requests: 60, perSeconds: 60 },
      { requests: 5000, perSeconds: 86_400 },
    ],
  },
  testCall: { resource: 'contacts', operation: 'list' },
  // Validation messages sit inside Elements; authorisation failures say why in Detail.
  errors: {
    retryStatuses: [429, 500, 502, 503, 504],
    messagePath: 'Elements.0.ValidationErrors.0.Message|Detail|Message|Title',
  },
  resources: [
    {
      name: 'contacts',
      label: 'Contacts',
      primaryKey: 'ContactID',
      cursorField: 'UpdatedDateUTC',
      fields: [
        { name: 'ContactID', type: 'string', format: 'uuid', readOnly: true },
        { name: 'ContactNumber', type: 'string', maxLength: 50, description: 'Your own id for the contact' },
        { name: 'AccountNumber', type: 'string', maxLength: 50 },
        { name: 'ContactStatus', type: 'string', enum: ['ACTIVE', 'ARCHIVED', 'GDPRREQUEST'] },
        { name: 'Name', type: 'string', maxLength: 255, required: true, pii: true },
        { name: 'FirstName', type: 'string', maxLength: 255, pii: true },
        { name: 'LastName', type: 'string', maxLength: 255, pii: true },
        { name: 'EmailAddress', type: 'string', format: 'email', maxLength: 255, pii: true },
        { name: 'CompanyNumber', type: 'string', maxLength: 50 },
        { name: 'TaxNumber', type: 'string', maxLength: 50 },
        { name: 'IsCustomer', type: 'boolean', readOnly: true },
        { name: 'IsSupplier', type: 'boolean', readOnly: true },
        { name: 'DefaultCurrency', type: 'string', format: 'currency' },
        { name: 'Addresses', type: 'array', pii: true, description: '[{AddressType, AddressLine1, City, …}]' },
        { name: 'Phones', type: 'array', pii: true, description: '[{PhoneType, PhoneNumber, …}]' },
        updated,
      ],
      operations: { list: listOp('Contacts'), search: whereOp('Contacts'), ...crud('Contacts') },
      lookups: {
        EmailAddress: { operation: 'search' },
        ContactNumber: { operation: 'search' },
        Name: { operation: 'search' },
      },
    },
    {
      name: 'invoices',
      label: 'Invoices',
      primaryKey: 'InvoiceID',
      cursorField: 'UpdatedDateUTC',
      fields: [
        { name: 'InvoiceID', type: 'string', format: 'uuid', readOnly: true },
        { name: 'Type', type: 'string', enum: ['ACCREC', 'ACCPAY'], required: true },
        { name: 'ContactID', type: 'string', format: 'uuid', path: 'Contact.ContactID', required: true },
        { name: 'ContactName', type: 'string', path: 'Contact.Name', readOnly: true, pii: true },
        { name: 'InvoiceNumber', type: 'string', maxLength: 255 },
        { name: 'Reference', type: 'string' },
        {
          name: 'Status',
          type: 'string',
          enum: ['DRAFT', 'SUBMITTED', 'DELETED', 'AUTHORISED', 'PAID', 'VOIDED'],
        },
        { name: 'Date', type: 'date', wire: 'json_date' },
        { name: 'DueDate', type: 'date', wire: 'json_date' },
        { name: 'CurrencyCode', type: 'string', format: 'currency' },
        { name: 'LineAmountTypes', type: 'string', enum: ['Exclusive', 'Inclusive', 'NoTax'] },
        { name: 'LineItems', type: 'array', description: '[{Description, Quantity, UnitAmount, AccountCode, …}]' },
        money('SubTotal', { readOnly: true }),
        money('TotalTax', { readOnly: true }),
        money('Total', { readOnly: true }),
        money('AmountDue', { readOnly: true }),
        money('AmountPaid', { readOnly: true }),
        updated,
      ],
      operations: { list: listOp('Invoices'), search: whereOp('Invoices'), ...crud('Invoices') },
      lookups: { InvoiceNumber: { operation: 'search' }, Reference: { operation: 'search' } },
    },
    {
      name: 'items',
      label: 'Items',
      primaryKey: 'ItemID',
      cursorField: 'UpdatedDateUTC',
      fields: [
        { name: 'ItemID', type: 'string', format: 'uuid', readOnly: true },
        // Required in every write, updates included (Xero matches the item by it).
        { name: 'Code', type: 'string', maxLength: 30, required: true },
        { name: 'Name', type: 'string', maxLength: 50 },
        { name: 'Description', type: 'string', maxLength: 4000 },
        { name: 'IsSold', type: 'boolean' },
        { name: 'IsPurchased', type: 'boolean' },
        { name: 'UnitPrice', type: 'money', format: 'decimal', path: 'SalesDetails.UnitPrice' },
        updated,
      ],
      // The items list has no paging: one answer holds every item.
      operations: {
        list: listOp('Items', { paged: false }),
        ...crud('Items'),
        delete: { method: 'DELETE', path: '/Items/{id}' },
      },
    },
    {
      name: 'payments',
      label: 'Payments',
      primaryKey: 'PaymentID',
      cursorField: 'UpdatedDateUTC',
      fields: [
        { name: 'PaymentID', type: 'string', format: 'uuid', readOnly: true },
        { name: 'InvoiceID', type: 'string', format: 'uuid', path: 'Invoice.InvoiceID', required: true },
        { name: 'AccountID', type: 'string', format: 'uuid', path: 'Account.AccountID', required: true },
        { name: 'Date', type: 'date', wire: 'json_date' },
        money('Amount', { required: true }),
        { name: 'Reference', type: 'string' },
        { name: 'Status', type: 'string', enum: ['AUTHORISED', 'DELETED'], readOnly: true },
        updated,
      ],
      // Payments are created and deleted (a POST with Status DELETED), never edited.
      operations: {
        list: listOp('Payments'),
        get: { method: 'GET', path: '/Payments/{id}', recordSelector: 'Payments' },
        create: write('PUT', '/Payments', 'Payments'),
        batchCreate: write('PUT', '/Payments', 'Payments', true),
      },
    },
  ],
};
