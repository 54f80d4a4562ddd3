import type { ConnectorDefinitionInput, OperationInput } from '../../../../shared/models/connector';

/**
 * Shop (Shopify-compatible): Shopify Admin REST API — https://shopify.dev/docs/api/admin-rest
 * Bodies wrap one record (`{order: {...}}`), lists `{orders: [...]}` paged by the RFC 8288 `Link`
 * header (`page_info` cursor; the next URL is used verbatim because Shopify refuses other filters
 * alongside page_info), `updated_at_min` filter, `fields=a,b`, token in `X-Shopify-Access-Token`.
 * Reads and updates only: orders and products are created in the shop, not by integrations here.
 * Rate limit: a leaky bucket of 40 calls leaking 2/s, reported in `X-Shopify-Shop-Api-Call-Limit: 32/40`.
 */
function ops(plural: string, singular: string, fixed: Record<string, string> = {}): Record<string, OperationInput> {
  return {
    list: {
      method: 'GET',
      path: `/${plural}.json`,
      query: fixed,
      recordSelector: plural,
      pagination: { style: 'link_header' },
      pageSize: 250,
      pageSizeParam: 'limit',
      incremental: { param: 'updated_at_min', format: 'iso8601' },
      fieldSelection: { param: 'fields', style: 'comma' },
    },
    get: {
      method: 'GET',
      path: `/${plural}/{id}.json`,
      recordSelector: singular,
      fieldSelection: { param: 'fields', style: 'comma' },
    },
    update: { method: 'PUT', path: `/${plural}/{id}.json`, recordSelector: singular, body: { recordKey: singular } },
  };
}

export const shopConnector: ConnectorDefinitionInput = {
  id: 'shop-shopify',
  name: 'Shop (Shopify-compatible)',
  description: 'Orders and products in a shop that follows the Shopify Admin REST API.',
  logo: 'shop',
  docsUrl: 'https://shopify.dev/docs/api/admin-rest',
  followsApi: 'Shopify Admin REST API 2024-10 (orders, products)',
  baseUrlTemplate: 'https://{shop}.myshopify.com/admin/api/2024-10',
  settings: [{ name: 'shop', label: 'Shop subdomain' }],
  authKinds: ['api_key_header', 'oauth2_authorization_code'],
  rateLimits: { requestsPerSecond: 2, burst: 40, maxConcurrency: 4, bucketHeader: 'X-Shopify-Shop-Api-Call-Limit' },
  testCall: { resource: 'products', operation: 'list' },
  errors: { retryStatuses: [429, 500, 502, 503, 504], messagePath: 'errors' },
  resources: [
    {
      name: 'orders',
      label: 'Orders',
      primaryKey: 'id',
      cursorField: 'updated_at',
      fields: [
        { name: 'id', type: 'integer', readOnly: true },
        { name: 'name', type: 'string', readOnly: true, description: '#1001' },
        { name: 'email', type: 'string', format: 'email', pii: true },
        { name: 'phone', type: 'string', format: 'phone', pii: true },
        { name: 'currency', type: 'string', format: 'currency' },
        { name: 'total_price', type: 'money', format: 'decimal', readOnly: true },
        { name: 'subtotal_price', type: 'money', format: 'decimal', readOnly: true },
        { name: 'total_tax', type: 'money', format: 'decimal', readOnly: true },
        {
          name: 'financial_status',
          type: 'string',
          enum: ['pending', 'authorized', 'partially_paid', 'paid', 'partially_refunded', 'refunded', 'voided'],
        },
        { name: 'fulfillment_status', type: 'string' },
        { name: 'customer_email', type: 'string', path: 'customer.email', format: 'email', pii: true, readOnly: true },
        { name: 'customer_id', type: 'integer', path: 'customer.id', readOnly: true },
        { name: 'shipping_address', type: 'object', pii: true },
        { name: 'billing_address', type: 'object', pii: true },
        { name: 'line_items', type: 'array', required: true },
        { name: 'tags', type: 'string' },
        { name: 'note', type: 'string' },
        { name: 'created_at', type: 'datetime', readOnly: true },
        { name: 'updated_at', type: 'datetime', readOnly: true },
      ],
      operations: ops('orders', 'order', { status: 'any' }),
    },
    {
      name: 'products',
      label: 'Products',
      primaryKey: 'id',
      cursorField: 'updated_at',
      fields: [
        { name: 'id', type: 'integer', readOnly: true },
        { name: 'title', type: 'string', required: true },
        { name: 'body_html', type: 'string' },
        { name: 'vendor', type: 'string' },
        { name: 'product_type', type: 'string' },
        { name: 'handle', type: 'string' },
        { name: 'status', type: 'string', enum: ['active', 'archived', 'draft'] },
        { name: 'tags', type: 'string' },
        { name: 'variants', type: 'array' },
        { name: 'created_at', type: 'datetime', readOnly: true },
        { name: 'updated_at', type: 'datetime', readOnly: true },
      ],
      operations: ops('products', 'product'),
    },
  ],
};
