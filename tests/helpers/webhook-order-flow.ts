import { compileMapping } from '../../shared/mapping/compile';
import { mappingFlow } from '../../electron/core/webhooks/mapping-flow';
import { callTransport, type FlowHandler, type Transport } from '../../electron/core/webhooks';
import { wmsCall } from './webhook-wms';

/**
 * The seed scenario as a flow: a shop order webhook → the shared mapping runtime (compileMapping,
 * the sync engine's transforms) → a WMS SOAP call queued in the outbox. orders/create becomes
 * CreateShipment, later topics UpdateShipment; `sequence` rides along so the WMS can check order.
 */
export const ORDER_MAPPING = {
  id: 'shop-orders-to-wms',
  name: 'Shop orders → WMS shipments',
  source: { connectionId: 'shop', resource: 'orders' },
  target: { connectionId: 'wms', resource: 'shipments' },
  updatedAt: '2025-06-01T00:00:00Z',
  rules: [
    { id: 'ref', target: 'orderReference', sources: ['name'], transforms: [{ kind: 'trim' }] },
    { id: 'seq', target: 'sequence', sources: ['sequence'], transforms: [{ kind: 'number', output: 'integer' }] },
    { id: 'name', target: 'shipTo_name', sources: ['shipping_address.name'], transforms: [{ kind: 'trim' }] },
    { id: 'line1', target: 'shipTo_line1', sources: ['shipping_address.address1'] },
    { id: 'city', target: 'shipTo_city', sources: ['shipping_address.city'] },
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
  ],
};

export const WMS_FIELDS = [
  { name: 'orderReference', type: 'string', required: true },
  { name: 'sequence', type: 'integer', required: true },
  { name: 'shipTo_name', type: 'string', required: true },
  { name: 'shipTo_line1', type: 'string', required: true },
  { name: 'shipTo_city', type: 'string', required: true },
  { name: 'shipTo_country', type: 'string', required: true },
  { name: 'lines', type: 'array', required: true },
] as const;

export interface OrderCallArgs {
  op: 'CreateShipment' | 'UpdateShipment';
  args: Record<string, unknown>;
}

export function orderFlow(targetId = 'wms'): FlowHandler {
  const compiled = compileMapping(ORDER_MAPPING, [], WMS_FIELDS as never);
  if (compiled.issues.length) throw new Error(`order mapping issues: ${JSON.stringify(compiled.issues)}`);
  return mappingFlow({
    apply: (r) => compiled.apply(r),
    targetId,
    wrap: (p, event): OrderCallArgs => ({
      op: (event.body as { topic?: string }).topic === 'orders/create' ? 'CreateShipment' : 'UpdateShipment',
      args: {
        orderReference: p.orderReference,
        sequence: p.sequence,
        shipTo: { name: p.shipTo_name, line1: p.shipTo_line1, city: p.shipTo_city, country: p.shipTo_country },
        lines: { line: p.lines },
      },
    }),
  });
}

/** The WMS target: the outbox's idempotency id becomes the SOAP messageId. */
export function wmsTransport(endpoint: string, creds: { username: string; password: string }): Transport {
  return callTransport(async (payload, ctx) => {
    const { op, args } = payload as OrderCallArgs;
    await wmsCall(endpoint, creds, op, { ...args, messageId: ctx.idempotencyId }, ctx.signal);
  });
}

/** A shop order as the shop sends it, at version `sequence` (1 = create). */
export function shopOrder(n: number, sequence: number, topic = sequence === 1 ? 'orders/create' : 'orders/updated') {
  return {
    id: 5_000_000 + n,
    name: `#${10_000 + n}`,
    topic,
    sequence,
    updated_at: new Date(Date.UTC(2025, 5, 1, 10, 0, sequence)).toISOString(),
    shipping_address: {
      name: ` Ada Lovelace ${n} `,
      address1: `${n} Analytical St`,
      city: 'London',
      country_code: 'gb',
    },
    line_items: [{ sku: `SKU-${n % 7}`, quantity: 1 + (n % 3) }],
  };
}
