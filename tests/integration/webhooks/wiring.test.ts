import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../electron/sandbox';
import { scanDirForCanaries } from '../../helpers/canary';
import { makeTestCore, type TestCore } from '../../helpers/core';
import { setUpOrderWebhook } from '../../helpers/webhook-workspace';

/**
 * Webhooks through the real core (createCore → handler table): keychain secrets, the shop sandbox
 * sending signed order webhooks to the core's listener, the saved mapping turning each order into a
 * WMS SOAP CreateShipment through the real connector, forgeries refused and logged, catch-up.
 */
describe('webhooks wired into the core', () => {
  let t: TestCore;
  let sb: Sandbox;
  let setup: Awaited<ReturnType<typeof setUpOrderWebhook>>;
  let hook: string;
  const responses: unknown[] = [];
  const coreEvents: { event: string; payload: unknown }[] = [];

  beforeAll(async () => {
    sb = await startSandbox({ sizes: { orders: 30, shipments: 0 }, rateLimits: false });
    t = await makeTestCore({ webhooks: { schedule: [100, 200], jitter: 0 } });
    t.core.events.onAny((event, payload) => coreEvents.push({ event, payload }));
    setup = await setUpOrderWebhook(t, sb);
    const listener = await t.call('webhooks:listener', { action: 'start' });
    expect(listener).toMatchObject({ running: true, allowLan: false });
    expect(listener.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await t.core.webhooks.start({ listen: false });
    hook = `${listener.url}/hooks/shop-orders`;
  });

  afterAll(async () => {
    await t?.close();
    await sb?.stop();
  });

  const call: TestCore['call'] = async (channel, input) => {
    const out = await t.call(channel, input);
    responses.push(out);
    return out;
  };

  it('stores an endpoint secret in the keychain only: never in a response or the data folder', async () => {
    const secret = sb.credentials.shop.webhookSecret;
    expect((await call('webhooks:endpoints', {}))[0]).toMatchObject({ hasSecret: false, url: hook });
    expect(await call('webhooks:setSecret', { id: setup.endpoint.id, secret })).toEqual({ set: true });
    const [view] = await call('webhooks:endpoints', {});
    expect(view).toMatchObject({ id: setup.endpoint.id, hasSecret: true, scheme: { kind: 'shopify' } });

    const found = execFileSync('secret-tool', ['search', '--all', 'service', t.keychainService], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(found).toContain(`${setup.endpoint.id}/secret`);
    expect(found).toContain(secret);
    expect(JSON.stringify(responses)).not.toContain(secret);
    expect(scanDirForCanaries(t.dataDir, [secret])).toEqual([]);
  });

  it('turns signed shop order webhooks into WMS shipments through the saved mapping and the real connector', async () => {
    const sent = await sb.servers.shop.emitWebhooks({ url: hook, count: 5 });
    expect(sent.map((s) => s.status)).toEqual([200, 200, 200, 200, 200]);
    await t.core.webhooks.drain();

    const wms = sb.servers.wms.store;
    expect(wms.createdOrders().sort()).toEqual(['#1001', '#1002', '#1003', '#1004', '#1005']);
    const events = await call('webhooks:events', { limit: 10 });
    expect(events.filter((e) => e.status === 'processed')).toHaveLength(5);
    const { items, counts } = await call('webhooks:outbox', { state: 'delivered' });
    expect(counts.delivered).toBe(5);
    const first = items.at(-1)!;
    expect(first.targetId).toBe(`create:${setup.wmsId}:shipments`);
    expect(first.payload).toMatchObject({
      orderReference: '#1001',
      shipTo: { name: expect.any(String) },
      lines: { line: expect.any(Array) },
    });
    expect(await call('webhooks:attempts', { id: first.id })).toEqual([
      expect.objectContaining({ n: 1, outcome: 'delivered', error: null }),
    ]);

    // The SOAP call is in the call log under the delivery id (the page's deep link), and in the ledger.
    const logged = t.core.logs.query({ runId: first.id });
    expect(logged.items.map((c) => c.operation)).toContain('CreateShipment');
    const ledger = t.core.ledger.report({ connectionId: setup.wmsId });
    expect(ledger.rows).toEqual([
      expect.objectContaining({
        resource: 'shipments',
        direction: 'write',
        records: 5,
        fields: expect.arrayContaining(['orderReference', 'shipTo.name']),
      }),
    ]);
    expect(
      coreEvents.some((e) => e.event === 'webhooks:delivery' && (e.payload as { state: string }).state === 'delivered'),
    ).toBe(true);
    expect(coreEvents.some((e) => e.event === 'webhooks:event')).toBe(true);
  });

  it('refuses a forged request with 401, logs it as an app event and creates nothing', async () => {
    const [forged] = await sb.servers.shop.emitWebhooks({ url: hook, indices: [6], bad: true });
    expect(forged!.status).toBe(401);
    const logged = t.core.logs.queryAppEvents({ kind: 'webhook_rejected' });
    expect(logged.items).toEqual([
      expect.objectContaining({ level: 'warn', message: expect.stringMatching(/bad_signature/) }),
    ]);
    expect(coreEvents.find((e) => e.event === 'webhooks:rejected')?.payload).toMatchObject({
      reason: 'bad_signature',
      status: 401,
      endpointId: setup.endpoint.id,
    });
    await t.core.webhooks.drain();
    expect(sb.servers.wms.store.createdOrders()).not.toContain('#1007');
  });

  it('catches up missed orders through the real shop connector without taking anything in twice', async () => {
    // Orders placed while the app was closed: no webhook reached us.
    const orders = sb.servers.shop.createOrders(3);
    const missed = orders.map((o) => String(o.name));
    const first = await call('webhooks:catchUp', { endpointId: setup.endpoint.id });
    expect(first.added).toBe(3);
    await t.core.webhooks.drain();
    // The shop's late webhook for one of them, and a second catch-up: nothing new.
    const [late] = await sb.servers.shop.emitWebhooks({ url: hook, orderIds: [orders[0]!.id as number] });
    expect(late!.status).toBe(200);
    const second = await call('webhooks:catchUp', { endpointId: setup.endpoint.id });
    expect(second).toMatchObject({ added: 0, duplicates: second.listed });
    expect(second.listed).toBeGreaterThanOrEqual(3);
    await t.core.webhooks.drain();
    const created = sb.servers.wms.store.createdOrders();
    for (const name of missed) expect(created.filter((n) => n === name)).toHaveLength(1);
    expect(created).toHaveLength(8);
    // The listing is a read of the shop: one ledger line for it.
    expect(t.core.ledger.report({ connectionId: setup.shopId }).rows).toEqual([
      expect.objectContaining({ resource: 'orders', direction: 'read' }),
    ]);
  });
});
