import * as soap from 'soap';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../electron/sandbox/index';

let sb: Sandbox;
let client: soap.Client;

const order = (ref: string, seq = 1) => ({
  orderReference: ref,
  messageId: `${ref}-${seq}`,
  sequence: seq,
  shipTo: { name: 'Zoé Lefèvre', line1: '12 rue de la Paix', postalCode: '75002', city: 'Paris', country: 'FR' },
  lines: { line: [{ sku: 'TSH-RED-M', quantity: 2 }] },
});

beforeAll(async () => {
  sb = await startSandbox({ sizes: { shipments: 30 } });
  client = await soap.createClientAsync(sb.endpoints.wsdl);
  client.setSecurity(
    new soap.WSSecurity(sb.credentials.wms.username, sb.credentials.wms.password, { passwordType: 'PasswordDigest' }),
  );
});
afterAll(() => sb.stop());

describe('WMS sandbox (SOAP 1.1 + WS-Security)', () => {
  it('serves a WSDL a generic SOAP client understands', () => {
    const d = client.describe() as Record<string, Record<string, Record<string, unknown>>>;
    expect(Object.keys(d.WarehouseService!.WarehousePort!).sort()).toEqual([
      'CreateShipment',
      'GetShipment',
      'ListShipments',
      'UpdateShipment',
    ]);
  });

  it('CreateShipment is idempotent on orderReference and records the per-order sequence', async () => {
    const [a] = await client.CreateShipmentAsync(order('ORD-1', 1));
    const [b] = await client.CreateShipmentAsync(order('ORD-1', 1));
    expect(a.created).toBe(true);
    expect(b.created).toBe(false);
    expect(b.shipment.shipmentId).toBe(a.shipment.shipmentId);
    const [u] = await client.UpdateShipmentAsync({
      orderReference: 'ORD-1',
      messageId: 'ORD-1-2',
      sequence: 2,
      status: 'PICKING',
    });
    expect(u.shipment.version).toBe(2);
    const msgs = sb.servers.wms.store.messages.get('ORD-1')!;
    expect(msgs.map((m) => [m.op, m.outcome, m.sequence])).toEqual([
      ['CreateShipment', 'created', 1],
      ['CreateShipment', 'replayed', 1],
      ['UpdateShipment', 'updated', 2],
    ]);
    expect(sb.servers.wms.store.orderingViolations()).toEqual([]);
    const [g] = await client.GetShipmentAsync({ orderReference: 'ORD-1' });
    expect(g.shipment.status).toBe('PICKING');
  });

  it('answers SOAP faults for validation errors and bad credentials (PasswordText too)', async () => {
    await expect(
      client.CreateShipmentAsync({ ...order('ORD-2'), lines: { line: [{ sku: 'X', quantity: 0 }] } }),
    ).rejects.toMatchObject({
      root: { Envelope: { Body: { Fault: { faultcode: 'soap:Client' } } } },
    });
    const bad = await soap.createClientAsync(sb.endpoints.wsdl);
    bad.setSecurity(new soap.WSSecurity(sb.credentials.wms.username, 'wrong', { passwordType: 'PasswordText' }));
    const err = await bad.GetShipmentAsync({ orderReference: 'ORD-1' }).catch((e: { root: unknown }) => e);
    expect(JSON.stringify(err.root)).toContain('FailedAuthentication');
    const ok = await soap.createClientAsync(sb.endpoints.wsdl);
    ok.setSecurity(
      new soap.WSSecurity(sb.credentials.wms.username, sb.credentials.wms.password, { passwordType: 'PasswordText' }),
    );
    await expect(ok.GetShipmentAsync({ orderReference: 'ORD-1' })).resolves.toBeTruthy();
  });

  it('pages ListShipments by page number', async () => {
    const [p] = await client.ListShipmentsAsync({ pageNumber: 2, pageSize: 20 });
    expect(p.totalCount).toBe(31);
    expect(p.totalPages).toBe(2);
    expect(p.shipments.shipment.length).toBe(11);
  });

  it('fails for N seconds on request, then recovers', async () => {
    sb.servers.wms.setDown(1);
    const err = await client
      .GetShipmentAsync({ orderReference: 'ORD-1' })
      .catch((e: { response?: { status: number } }) => e);
    expect(err.response?.status).toBe(503);
    await new Promise((r) => setTimeout(r, 1100));
    await expect(client.GetShipmentAsync({ orderReference: 'ORD-1' })).resolves.toBeTruthy();
  });
});
