import { afterEach, describe, expect, it } from 'vitest';
import { WebhookService } from '../../../electron/core/webhooks';
import { runCli } from '../../helpers/cli';
import { MemoryKeyValueStore, MemorySecrets } from '../../helpers/webhook-memory';
import { makeTempDir } from '../../helpers/tmp';

/** `patchbay webhooks outbox | replay` on a data folder whose outbox holds a parked delivery. */
describe('patchbay webhooks', () => {
  const tmp = makeTempDir('patchbay-webhooks-cli-');
  afterEach(() => tmp.cleanup());

  it('lists the outbox by state and replays a parked delivery; refuses unknown ids and states', async () => {
    // A target that refuses the payload as invalid parks the delivery at once (needs attention).
    const service = new WebhookService({
      dataDir: tmp.dir,
      settings: new MemoryKeyValueStore(),
      secrets: new MemorySecrets(),
    });
    const [queued] = service.enqueue([{ targetId: 'wms', orderingKey: 'o1', payload: { orderReference: '#1' } }]);
    service.registerTarget('wms', async () => ({ kind: 'failed', error: 'invalid shipTo' }));
    await service.start({ listen: false });
    await service.drain();
    await service.close();

    const env = { ...process.env, PATCHBAY_DATA_DIR: tmp.dir };
    const listed = await runCli(['--json', 'webhooks', 'outbox', '--state', 'needs-attention'], { env });
    expect(listed.code).toBe(0);
    const out = JSON.parse(listed.stdout) as { items: { id: string; state: string }[]; counts: Record<string, number> };
    expect(out.items).toEqual([expect.objectContaining({ id: queued!.id, state: 'needs_attention' })]);
    expect(out.counts.needs_attention).toBe(1);

    const replayed = await runCli(['webhooks', 'replay', queued!.id], { env });
    expect(replayed.code).toBe(0);
    expect(replayed.stdout).toContain('1 delivery queued again');
    const after = JSON.parse((await runCli(['--json', 'webhooks', 'outbox'], { env })).stdout) as {
      items: { state: string; idempotencyId: string }[];
    };
    expect(after.items[0]).toMatchObject({ state: 'pending', idempotencyId: queued!.idempotencyId });

    expect((await runCli(['webhooks', 'replay', 'nope'], { env })).code).toBe(1);
    expect((await runCli(['webhooks', 'outbox', '--state', 'bogus'], { env })).code).toBe(2);
  }, 60_000);
});
