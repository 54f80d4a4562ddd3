import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestCore, type TestCore } from '../../helpers/core';
import { startReceiver } from '../../helpers/webhook-receiver';

/** Health alerts also go out through an outgoing webhook target (signed, through the real outbox), on edges only. */
describe('health alerts to an outgoing webhook', () => {
  let t: TestCore;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    receiver = await startReceiver();
    t = await makeTestCore();
    await t.call('webhooks:saveTarget', { id: 'ops', name: 'Ops channel', url: receiver.url, disabled: false });
    await t.call('webhooks:setSecret', { id: 'ops', secret: 'whsec_dGVzdC1zZWNyZXQtZm9yLWFsZXJ0cw==' });
    // The outbox sends while the app runs (a CLI process queues, the app delivers); no listener needed.
    await t.core.webhooks.start({ listen: false });
  });
  afterAll(async () => {
    await t?.close();
    await receiver?.close();
  });

  it('sends the failing and recovered alerts, not one per failure', async () => {
    const subject = {
      kind: 'sync' as const,
      id: 's1',
      name: 'Nightly',
      pauseAfterFailures: null,
      alertTargetId: 'ops',
    };
    t.core.health.record(subject, 'failed', 'billing answered 503');
    t.core.health.record(subject, 'failed', 'billing answered 503');
    t.core.health.record(subject, 'ok', '10 records, none failed');
    await expect.poll(() => receiver.received.length, { timeout: 20_000, interval: 50 }).toBe(2);
    const types = receiver.received.map((r) => (r.json as { type: string }).type);
    expect(types).toEqual(['patchbay.health.failing', 'patchbay.health.recovered']);
    expect(receiver.received[0]!.json).toMatchObject({ data: { kind: 'sync', id: 's1', name: 'Nightly' } });
    expect(receiver.received[0]!.headers['webhook-signature']).toMatch(/^v1,/);
  });
});
