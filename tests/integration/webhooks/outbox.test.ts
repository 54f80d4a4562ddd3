import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebhookService } from '../../../electron/core/webhooks';
import { standardScheme } from '../../../electron/core/webhooks/schemes/standard';
import { FakeTimers } from '../../helpers/fake-timers';
import { MemoryKeyValueStore, MemorySecrets } from '../../helpers/webhook-memory';
import { startReceiver } from '../../helpers/webhook-receiver';
import { makeTempDir } from '../../helpers/tmp';

const SECRET = `whsec_${Buffer.from('outgoing-secret-0123456789abcdef').toString('base64')}`;
const SCHEDULE = [5_000, 30_000, 120_000];

let tmp: ReturnType<typeof makeTempDir>;
let clock: FakeTimers;
let service: WebhookService;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

async function setup(schedule = SCHEDULE) {
  service = new WebhookService({
    dataDir: tmp.dir,
    settings: new MemoryKeyValueStore(),
    secrets: new MemorySecrets(),
    scheduler: clock,
    schedule,
    jitter: 0,
  });
  service.saveTarget({ id: 'erp', name: 'ERP', url: receiver.url });
  await service.setSecret('erp', SECRET);
  await service.start({ listen: false });
}

/** Advance the fake clock and let every attempt that became due finish. */
async function advance(ms: number) {
  clock.advance(ms);
  await service.drain();
}

beforeEach(async () => {
  tmp = makeTempDir('patchbay-outbox-');
  clock = new FakeTimers();
  receiver = await startReceiver();
});

afterEach(async () => {
  await service?.close();
  await receiver.close();
  tmp.cleanup();
});

describe('outbox delivery', () => {
  it('signs with Standard Webhooks and delivers once', async () => {
    await setup();
    const [d] = service.enqueue([{ targetId: 'erp', payload: { hello: 'world' } }]);
    await service.drain();
    expect(receiver.received).toHaveLength(1);
    const r = receiver.received[0]!;
    expect(r.headers['webhook-id']).toBe(d!.idempotencyId);
    const verdict = standardScheme.verify({
      headers: r.headers,
      rawBody: Buffer.from(r.body),
      secret: SECRET,
      nowMs: clock.now(),
      toleranceSeconds: 300,
    });
    expect(verdict.ok).toBe(true);
    expect(service.delivery(d!.id).state).toBe('delivered');
    expect(service.attempts(d!.id)).toMatchObject([{ n: 1, status: 200, outcome: 'delivered' }]);
  });

  it('retries on the schedule and parks after the last attempt with the full history', async () => {
    receiver.respond = () => ({ status: 500, body: 'boom' });
    await setup();
    const t0 = clock.now();
    const [d] = service.enqueue([{ targetId: 'erp', payload: { n: 1 } }]);
    await service.drain();
    expect(service.delivery(d!.id)).toMatchObject({
      state: 'retrying',
      attempts: 1,
      nextAttemptAt: new Date(t0 + 5_000).toISOString(),
    });
    await advance(4_999);
    expect(receiver.received).toHaveLength(1); // not a millisecond early
    await advance(1);
    expect(service.delivery(d!.id)).toMatchObject({ attempts: 2, nextAttemptAt: new Date(t0 + 35_000).toISOString() });
    await advance(30_000);
    await advance(120_000);
    const parked = service.delivery(d!.id);
    expect(parked.state).toBe('needs_attention');
    expect(parked.lastError).toMatch(/gave up after 4 attempts.*HTTP 500/);
    const attempts = service.attempts(d!.id);
    expect(attempts.map((a) => [a.n, a.status, a.outcome])).toEqual([
      [1, 500, 'retry'],
      [2, 500, 'retry'],
      [3, 500, 'retry'],
      [4, 500, 'retry'],
    ]);
    expect(attempts.map((a) => Date.parse(a.startedAt) - t0)).toEqual([0, 5_000, 35_000, 155_000]);
    expect(service.outbox({ state: 'needs_attention' }).map((x) => x.id)).toEqual([d!.id]);
    // Nothing more happens, however long we wait.
    await advance(7 * 86_400_000);
    expect(receiver.received).toHaveLength(4);
  });

  it('uses the default schedule spanning about a day', async () => {
    receiver.respond = () => ({ status: 503 });
    service = new WebhookService({
      dataDir: tmp.dir,
      settings: new MemoryKeyValueStore(),
      secrets: new MemorySecrets(),
      scheduler: clock,
      jitter: 0.2,
      random: () => 1,
    });
    service.saveTarget({ id: 'erp', name: 'ERP', url: receiver.url });
    await service.setSecret('erp', SECRET);
    await service.start({ listen: false });
    const t0 = clock.now();
    const [d] = service.enqueue([{ targetId: 'erp', payload: {} }]);
    await service.drain();
    for (let k = 0; k < 20 && service.delivery(d!.id).state !== 'needs_attention'; k++) {
      await advance(Date.parse(service.delivery(d!.id).nextAttemptAt!) - clock.now());
    }
    const attempts = service.attempts(d!.id);
    expect(attempts).toHaveLength(10);
    // 81,755 s (22 h 42 min) of schedule, stretched by the +20 % jitter that random() = 1 gives.
    expect(Date.parse(attempts.at(-1)!.startedAt) - t0).toBe(81_755_000 * 1.2);
    expect(service.delivery(d!.id).state).toBe('needs_attention');
  });

  it('honours Retry-After (seconds and HTTP date)', async () => {
    receiver.respond = (_r, i) =>
      i === 0
        ? { status: 429, headers: { 'retry-after': '3600' } }
        : i === 1
          ? { status: 503, headers: { 'retry-after': new Date(clock.now() + 7_200_000).toUTCString() } }
          : { status: 200 };
    await setup();
    const t0 = clock.now();
    const [d] = service.enqueue([{ targetId: 'erp', payload: {} }]);
    await service.drain();
    expect(service.delivery(d!.id).nextAttemptAt).toBe(new Date(t0 + 3_600_000).toISOString());
    await advance(3_599_000);
    expect(receiver.received).toHaveLength(1);
    await advance(1_000);
    expect(receiver.received).toHaveLength(2);
    const next = Date.parse(service.delivery(d!.id).nextAttemptAt!);
    expect(next - clock.now()).toBeGreaterThanOrEqual(7_199_000);
    await advance(7_200_000);
    expect(service.delivery(d!.id).state).toBe('delivered');
    expect(service.attempts(d!.id).map((a) => a.retryAfterMs)).toEqual([3_600_000, expect.any(Number), null]);
  });

  it('disables the target on 410 Gone and parks its other deliveries', async () => {
    receiver.respond = () => ({ status: 410 });
    await setup();
    const ds = service.enqueue([
      { targetId: 'erp', payload: { n: 1 }, orderingKey: 'k' },
      { targetId: 'erp', payload: { n: 2 }, orderingKey: 'k' },
    ]);
    await service.drain();
    expect(receiver.received).toHaveLength(1);
    expect(ds.map((d) => service.delivery(d.id).state)).toEqual(['needs_attention', 'needs_attention']);
    expect(service.attempts(ds[0]!.id)[0]).toMatchObject({ status: 410, outcome: 'gone' });
    expect((await service.listTargets())[0]).toMatchObject({ disabled: true });
    // Later deliveries to a disabled target park without an attempt.
    const [late] = service.enqueue([{ targetId: 'erp', payload: { n: 3 } }]);
    await service.drain();
    expect(service.delivery(late!.id)).toMatchObject({ state: 'needs_attention', attempts: 0 });
    expect(receiver.received).toHaveLength(1);
    // Replay re-enables the target.
    receiver.respond = () => ({ status: 200 });
    service.replay(ds.map((d) => d.id));
    await service.drain();
    expect(ds.map((d) => service.delivery(d.id).state)).toEqual(['delivered', 'delivered']);
    expect((await service.listTargets())[0]).toMatchObject({ disabled: false });
  });

  it('keeps per-key order: a later delivery waits for the earlier one, other keys go ahead', async () => {
    let failA1 = true;
    receiver.respond = (r) => {
      const p = r.json as { key: string; n: number };
      if (p.key === 'A' && p.n === 1 && failA1) return { status: 500 };
      return { status: 200 };
    };
    await setup();
    const [a1, a2, b1, a3] = service.enqueue([
      { targetId: 'erp', orderingKey: 'A', payload: { key: 'A', n: 1 } },
      { targetId: 'erp', orderingKey: 'A', payload: { key: 'A', n: 2 } },
      { targetId: 'erp', orderingKey: 'B', payload: { key: 'B', n: 1 } },
      { targetId: 'erp', orderingKey: 'A', payload: { key: 'A', n: 3 } },
    ]);
    await service.drain();
    expect(service.delivery(a1!.id).state).toBe('retrying');
    expect(service.delivery(a2!.id).state).toBe('pending');
    expect(service.delivery(b1!.id).state).toBe('delivered');
    failA1 = false;
    await advance(5_000);
    expect([a1, a2, a3].map((d) => service.delivery(d!.id).state)).toEqual(['delivered', 'delivered', 'delivered']);
    const order = receiver.received
      .map((r) => r.json as { key: string; n: number })
      .filter((p) => p.key === 'A')
      .map((p) => p.n);
    expect(order).toEqual([1, 1, 2, 3]);
  });

  it('a dead delivery unblocks its key; edit + replay keeps the idempotency id', async () => {
    receiver.respond = (r) =>
      (r.json as { bad?: boolean }).bad ? { status: 422, body: 'bad payload' } : { status: 200 };
    await setup([1_000]);
    const [bad, after] = service.enqueue([
      { targetId: 'erp', orderingKey: 'K', payload: { bad: true, n: 1 } },
      { targetId: 'erp', orderingKey: 'K', payload: { n: 2 } },
    ]);
    await service.drain();
    await advance(1_000);
    expect(service.delivery(bad!.id).state).toBe('needs_attention');
    expect(service.delivery(after!.id).state).toBe('delivered');
    expect(() => service.editPayload(after!.id, {})).toThrow(/only deliveries in "needs attention"/);
    const edited = service.editPayload(bad!.id, { n: 1, fixed: true });
    expect(edited.payload).toEqual({ n: 1, fixed: true });
    const [replayed] = service.replay([bad!.id]);
    expect(replayed!.idempotencyId).toBe(bad!.idempotencyId);
    await service.drain();
    expect(service.delivery(bad!.id).state).toBe('delivered');
    const ids = receiver.received.filter((r) => (r.json as { n: number }).n === 1).map((r) => r.headers['webhook-id']);
    expect(ids).toEqual([bad!.idempotencyId, bad!.idempotencyId, bad!.idempotencyId]);
    expect(service.attempts(bad!.id).map((a) => a.outcome)).toEqual(['retry', 'retry', 'delivered']);
  });

  it('bulk replays many parked deliveries', async () => {
    receiver.respond = () => ({ status: 500 });
    await setup([]);
    const ds = service.enqueue(Array.from({ length: 20 }, (_, n) => ({ targetId: 'erp', payload: { n } })));
    await service.drain();
    expect(service.outboxCounts().needs_attention).toBe(20);
    receiver.respond = () => ({ status: 204 });
    service.replay(ds.map((d) => d.id));
    await service.drain();
    expect(service.outboxCounts()).toMatchObject({ delivered: 20, needs_attention: 0 });
  });

  it('survives a restart: pending deliveries resume from the database', async () => {
    receiver.respond = () => ({ status: 500 });
    await setup();
    const [d] = service.enqueue([{ targetId: 'erp', payload: { n: 1 } }]);
    await service.drain();
    await service.close();
    receiver.respond = () => ({ status: 200 });
    await setup();
    await advance(5_000);
    expect(service.delivery(d!.id)).toMatchObject({ state: 'delivered', attempts: 2 });
  });
});
