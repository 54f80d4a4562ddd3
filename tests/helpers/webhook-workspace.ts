import type { Sandbox } from '../../electron/sandbox';
import type { TestCore } from './core';

/**
 * The seed scenario set up through the channels, as a user would: shop and WMS connections on the
 * sandbox, the mapping "shop order → WMS shipment", and a Shopify-signed endpoint running it.
 */
export const ORDER_RULES = [
  { id: 'ref', target: 'orderReference', sources: ['name'], transforms: [{ kind: 'trim' }] },
  { id: 'name', target: 'shipTo_name', sources: ['shipping_address.name'], transforms: [{ kind: 'trim' }] },
  {
    id: 'line1',
    target: 'shipTo_line1',
    sources: ['shipping_address.address1'],
    transforms: [{ kind: 'default', value: 'unknown', when: 'empty' }],
  },
  {
    id: 'city',
    target: 'shipTo_city',
    sources: ['shipping_address.city'],
    transforms: [{ kind: 'default', value: 'unknown', when: 'empty' }],
  },
  {
    id: 'country',
    target: 'shipTo_country',
    sources: ['shipping_address.country_code'],
    transforms: [{ kind: 'case', to: 'upper' }],
  },
  {
    id: 'lines',
    target: 'lines',
    sources: [],
    transforms: [{ kind: 'expression', expression: '[line_items.{"sku": sku, "quantity": quantity}]' }],
  },
];

export async function setUpOrderWebhook(t: TestCore, sb: Sandbox, opts: { path?: string } = {}) {
  const c = sb.credentials;
  const shop = await t.call('connections:create', {
    name: 'Sandbox shop',
    connectorId: 'shop-shopify',
    baseUrl: sb.endpoints.shopApi,
    authKind: 'api_key_header',
    authSettings: { headerName: 'X-Shopify-Access-Token' },
    secrets: { apiKey: c.shop.accessToken },
  });
  const wms = await t.call('connections:create', {
    name: 'Sandbox WMS',
    connectorId: 'wms-soap',
    baseUrl: sb.urls.wms,
    authKind: 'wsse',
    authSettings: { username: c.wms.username, passwordType: 'PasswordDigest' },
    secrets: { password: c.wms.password },
  });
  const saved = await t.call('mappings:save', {
    name: 'Shop orders → WMS shipments',
    source: { connectionId: shop.id, resource: 'orders' },
    target: { connectionId: wms.id, resource: 'shipments' },
    rules: ORDER_RULES,
    matchKey: null,
  });
  const mappingId = saved.mapping.id;
  const endpoint = await t.call('webhooks:saveEndpoint', {
    name: 'Shop orders',
    path: opts.path ?? '/hooks/shop-orders',
    scheme: { kind: 'shopify' },
    flowId: `mapping:${mappingId}`,
    catchUpId: `mapping:${mappingId}`,
  });
  return { shopId: shop.id, wmsId: wms.id, mappingId, endpoint };
}
