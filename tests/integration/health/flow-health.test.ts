import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HealthStore } from '../../../electron/core/health/health-store';
import { HealthTracker } from '../../../electron/core/health/tracker';
import { watchFlowHealth } from '../../../electron/core/health/watch';
import { WebhookService } from '../../../electron/core/webhooks';
import { WmsSandbox } from '../../../electron/sandbox/wms/server';
import type { HealthAlert } from '../../../shared/models/health';
import { makeTempDir } from '../../helpers/tmp';
import { MemoryKeyValueStore, MemorySecrets } from '../../helpers/webhook-memory';
import { orderFlow, shopOrder, wmsTransport } from '../../helpers/webhook-order-flow';
import { sendSigned } from '../../helpers/webhook-sender';

const SECRET = 'shop-webhook-secret';
const CREDS = { username: 'wms-user', password: 'wms-pass' };

/**
 * A webhook flow's health from what became of its events and deliveries (real listener, outbox and
 * WMS sandbox): retried deliveries that end delivered keep it healthy; a parked event makes it fail
 * and alerts once; the next delivered one recovers it, once.
 */
describe('webhook flow health', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let wms: WmsSandbox;
  let service: WebhookService;
  let health: HealthTracker;
  let hook: string;
  const alerts: HealthAlert[] = [];

  beforeEach(async () => {
    alerts.length = 0;
    tmp = makeTempDir('patchbay-flow-health-');
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
    });
    await service.setSecret('shop', SECRET);
    service.registerFlow('orders', orderFlow('wms'));
    service.registerTarget('wms', wmsTransport(wms.endpoint, CREDS));
    health = new HealthTracker({
      store: new HealthStore(new MemoryKeyValueStore()),
      clock: () => new Date(),
      alert: (a) => alerts.push(a),
    });
    watchFlowHealth(service, health);
    await service.start();
    hook = `${service.listenerAddress()!.url}/hooks/shop`;
  });
  afterEach(async () => {
    await service.close();
    await wms.stop();
    tmp.cleanup();
  });

  const send = (body: unknown, eventId: string) => sendSigned(hook, { kind: 'shopify' }, SECRET, body, { eventId });

  it('stays healthy through retried deliveries that end delivered', async () => {
    wms.setDown(1);
    await send(shopOrder(4, 1), 'o4-1');
    await service.drain();
    expect(service.outboxCounts().retrying).toBe(1);
    for (let k = 0; k < 100 && service.outboxCounts().delivered < 1; k++) await new Promise((r) => setTimeout(r, 100));
    expect(service.attempts(service.outbox({ state: 'delivered' })[0]!.id).length).toBeGreaterThanOrEqual(2);
    expect(health.get('flow', 'shop')).toMatchObject({ state: 'healthy', consecutiveFailures: 0 });
    expect(alerts).toEqual([]);
  }, 20_000);

  it('fails on a parked event, alerts once, and recovers once on the next delivered order', async () => {
    const broken = { ...shopOrder(2, 1), shipping_address: { name: 'No Address' } };
    await send(broken, 'bad-1');
    await send({ ...broken, id: 9002 }, 'bad-2');
    await service.drain();
    expect(health.get('flow', 'shop')).toMatchObject({ state: 'failing', consecutiveFailures: 2 });
    expect(alerts.map((a) => a.type)).toEqual(['failing']);
    await send(shopOrder(3, 1), 'good-1');
    await send(shopOrder(5, 1), 'good-2');
    await service.drain();
    for (let k = 0; k < 50 && service.outboxCounts().delivered < 2; k++) await new Promise((r) => setTimeout(r, 50));
    expect(health.get('flow', 'shop').state).toBe('healthy');
    expect(alerts.map((a) => a.type)).toEqual(['failing', 'recovered']);
  });
});
