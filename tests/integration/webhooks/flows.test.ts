import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WmsSandbox } from '../../../electron/sandbox/wms/server';
import { WebhookService } from '../../../electron/core/webhooks';
import { MemoryKeyValueStore, MemorySecrets } from '../../helpers/webhook-memory';
import { orderFlow, shopOrder, wmsTransport } from '../../helpers/webhook-order-flow';
import { sendSigned } from '../../helpers/webhook-sender';
import { makeTempDir } from '../../helpers/tmp';

const SECRET = 'shop-webhook-secret';
const CREDS = { username: 'wms-user', password: 'wms-pass' };

let tmp: ReturnType<typeof makeTempDir>;
let wms: WmsSandbox;
let service: WebhookService;
let hook: string;

beforeEach(async () => {
  tmp = makeTempDir('patchbay-flows-');
  wms = new WmsSandbox({ seed: 1, ...CREDS, rateLimits: false, sizes: { shipments: 0 } });
  await wms.start(0, '127.0.0.1');
  service = new WebhookService({
    dataDir: tmp.dir,
    settings: new MemoryKeyValueStore(),
    secrets: new MemorySecrets(),
    listener: { port: 0 },
    schedule: [300, 600, 1200, 2400],
    jitter: 0,
  });
  service.saveEndpoint({
    id: 'shop',
    name: 'Shop orders',
    path: '/hooks/shop',
    scheme: { kind: 'shopify' },
    flowId: 'orders',
    catchUpId: 'shop-orders',
  });
  await service.setSecret('shop', SECRET);
  service.registerFlow('orders', orderFlow('wms'));
  service.registerTarget('wms', wmsTransport(wms.endpoint, CREDS));
  await service.start();
  hook = `${service.listenerAddress()!.url}/hooks/shop`;
});

afterEach(async () => {
  await service.close();
  await wms.stop();
  tmp.cleanup();
});

const send = (body: unknown, eventId: string) => sendSigned(hook, { kind: 'shopify' }, SECRET, body, { eventId });

describe('event flows', () => {
  it('maps a shop order webhook through the shared mapping runtime into a WMS SOAP call', async () => {
    expect((await send(shopOrder(1, 1), 'e1')).status).toBe(200);
    expect((await send(shopOrder(1, 2), 'e2')).status).toBe(200);
    await service.drain();
    const shipments = [...wms.store.shipments.written()].map((x) => x.rec);
    expect(shipments).toHaveLength(1);
    expect(shipments[0]).toMatchObject({ orderReference: '#10001', shipTo: { name: 'Ada Lovelace 1', country: 'GB' } });
    const messages = wms.store.messages.get('#10001')!;
    expect(messages.map((m) => [m.op, m.sequence, m.outcome])).toEqual([
      ['CreateShipment', 1, 'created'],
      ['UpdateShipment', 2, 'updated'],
    ]);
    // The SOAP messageId is the outbox idempotency id.
    expect(messages[0]!.messageId).toBe(service.outbox({ state: 'delivered' }).at(-1)!.idempotencyId);
  });

  it('parks an event the mapping rejects, with the reason, and keeps going with the others', async () => {
    const broken = { ...shopOrder(2, 1), shipping_address: { name: 'No Address' } };
    await send(broken, 'bad');
    await send(shopOrder(3, 1), 'good');
    await service.drain();
    const events = service.recentEvents();
    const parked = events.find((e) => e.eventId === 'bad')!;
    expect(parked.status).toBe('parked');
    expect(parked.reason).toMatch(/mapping error: .*shipTo_line1/);
    expect(events.find((e) => e.eventId === 'good')!.status).toBe('processed');
    expect(wms.store.createdOrders()).toEqual(['#10003']);
  });

  it('retries through a WMS outage and delivers in per-order sequence', async () => {
    wms.setDown(1);
    for (let s = 1; s <= 3; s++) await send(shopOrder(4, s), `o4-${s}`);
    await service.drain();
    expect(service.outboxCounts().retrying).toBe(1);
    expect(service.outboxCounts().pending).toBe(2); // waiting behind the first one of their order
    // The outbox retries on its own schedule; each state change is announced, so wait for the third delivery.
    await new Promise<void>((resolve) => {
      const check = () => {
        if (service.outboxCounts().delivered < 3) return;
        service.off('delivery', check);
        resolve();
      };
      service.on('delivery', check);
      check();
    });
    const attempts = service.attempts(service.outbox({ state: 'delivered' }).at(-1)!.id);
    expect(attempts.length).toBeGreaterThanOrEqual(2);
    expect(attempts.slice(0, -1).every((a) => a.status === 503 && a.outcome === 'retry')).toBe(true);
    expect(attempts.at(-1)!.outcome).toBe('delivered');
    expect(wms.store.orderingViolations()).toEqual([]);
    expect(
      wms.store.messages
        .get('#10004')!
        .filter((m) => m.outcome !== 'rejected')
        .map((m) => m.sequence),
    ).toEqual([1, 2, 3]);
  }, 20_000);
});

describe('catch-up', () => {
  it('fills the gap since the last event without duplicates', async () => {
    await send(shopOrder(10, 1), 'live-10');
    await service.drain();
    // While "closed": order 10 changed once more, orders 11 and 12 were created. The listing also
    // returns order 10's version we already have (updated_at overlap) — it must not be re-sent.
    const listed = [shopOrder(10, 1), shopOrder(10, 2), shopOrder(11, 1), shopOrder(12, 1)];
    let askedSince: Date | null | undefined;
    service.registerCatchUp('shop-orders', {
      list: async (since) => {
        askedSince = since;
        return listed;
      },
    });
    const result = await service.catchUp('shop');
    expect(result).toMatchObject({ listed: 4, added: 3, duplicates: 1 });
    expect(askedSince).toBeInstanceOf(Date);
    await service.drain();
    expect(wms.store.createdOrders().sort()).toEqual(['#10010', '#10011', '#10012']);
    // Running it again finds nothing new.
    expect(await service.catchUp('shop')).toMatchObject({ added: 0, duplicates: 4 });
    // The delayed webhook for a version the catch-up already brought in is acknowledged, not re-run.
    const late = await send(shopOrder(11, 1), 'late-11');
    expect(late.status).toBe(200);
    expect(JSON.parse(late.body)).toMatchObject({ duplicate: true });
    await service.drain();
    expect(wms.store.messages.get('#10011')).toHaveLength(1);
  });
});
