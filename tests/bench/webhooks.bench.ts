import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { WebhookService } from '../../electron/core/webhooks';
import { MemoryKeyValueStore, MemorySecrets } from '../helpers/webhook-memory';
import { startReceiver } from '../helpers/webhook-receiver';
import { sendSigned } from '../helpers/webhook-sender';

/**
 * Webhooks: incoming events accepted durably per second (verified + fsync'd to
 * webhooks.db before the 2xx), outgoing Standard-Webhooks-signed deliveries per second to a local
 * receiver, and the time to drain a 10,000-delivery backlog once the target comes back.
 */
interface Figure {
  bench: 'webhooks';
  figure: string;
  value: number;
  unit: string;
  note?: string;
}

const INCOMING = Number(process.env.WEBHOOKS_BENCH_IN ?? 5_000);
const OUTGOING = Number(process.env.WEBHOOKS_BENCH_OUT ?? 5_000);
const BACKLOG = Number(process.env.WEBHOOKS_BENCH_BACKLOG ?? 10_000);
const SECRET = `whsec_${Buffer.from('bench-secret-0123456789abcdef012').toString('base64')}`;

async function pool(n: number, concurrency: number, fn: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) await fn(next++);
    }),
  );
}

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((r) => setTimeout(r, 20));
}

function service(dir: string, schedule?: number[]) {
  return new WebhookService({
    dataDir: dir,
    settings: new MemoryKeyValueStore(),
    secrets: new MemorySecrets(),
    listener: { port: 0 },
    schedule,
    concurrency: 32,
  });
}

export default async function* bench(): AsyncGenerator<Figure> {
  const dir = mkdtempSync(join(tmpdir(), 'patchbay-bench-webhooks-'));
  try {
    // Incoming: 32 concurrent senders, Standard Webhooks signatures, one fsync'd commit per burst.
    {
      const s = service(join(dir, 'in'));
      s.saveEndpoint({ id: 'in', name: 'in', path: '/in', scheme: { kind: 'standard' } });
      await s.setSecret('in', SECRET);
      await s.start();
      const url = `${s.listenerAddress()!.url}/in`;
      const scheme = { kind: 'standard' } as const;
      const t0 = performance.now();
      let failed = 0;
      await pool(INCOMING, 32, async (i) => {
        const r = await sendSigned(
          url,
          scheme,
          SECRET,
          { id: i, type: 'order.created', data: { total: '10.00' } },
          { eventId: `e${i}` },
        );
        if (r.status !== 200) failed++;
      });
      const secs = (performance.now() - t0) / 1000;
      const stored = (s.db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;
      await s.close();
      if (failed || stored !== INCOMING) throw new Error(`incoming: ${failed} failed, ${stored} stored`);
      yield {
        bench: 'webhooks',
        figure: 'incoming_events_per_s',
        value: Math.round(INCOMING / secs),
        unit: '1/s',
        note: `${INCOMING} events, verified + written (synchronous=FULL) before 200`,
      };
    }

    // Outgoing: deliveries to a local receiver that answers 204.
    const receiver = await startReceiver(() => ({ status: 204 }));
    try {
      const s = service(join(dir, 'out'));
      s.saveTarget({ id: 't', name: 't', url: receiver.url });
      await s.setSecret('t', SECRET);
      await s.start({ listen: false });
      const t0 = performance.now();
      s.enqueue(
        Array.from({ length: OUTGOING }, (_, i) => ({ targetId: 't', orderingKey: `k${i % 500}`, payload: { n: i } })),
      );
      await until(() => s.outboxCounts().delivered === OUTGOING);
      const secs = (performance.now() - t0) / 1000;
      await s.close();
      yield {
        bench: 'webhooks',
        figure: 'outgoing_deliveries_per_s',
        value: Math.round(OUTGOING / secs),
        unit: '1/s',
        note: `${OUTGOING} signed deliveries over 500 ordering keys, concurrency 32`,
      };

      // Backlog: the target is down, every delivery fails once and waits; then it comes back.
      receiver.received.length = 0;
      receiver.respond = () => ({ status: 503 });
      const b = service(join(dir, 'backlog'), [3_000, 3_000, 60_000]);
      b.saveTarget({ id: 't', name: 't', url: receiver.url });
      await b.setSecret('t', SECRET);
      await b.start({ listen: false });
      b.enqueue(
        Array.from({ length: BACKLOG }, (_, i) => ({
          targetId: 't',
          orderingKey: `order-${i % 2_000}`,
          payload: { n: i },
        })),
      );
      // Each key's head failed once and is retrying; the rest of each key waits behind it.
      await until(() => b.outboxCounts().retrying === Math.min(2_000, BACKLOG));
      receiver.respond = () => ({ status: 204 });
      // Measured from when the first retry falls due (the schedule's wait is policy, not speed).
      const firstDue = (
        b.db.prepare(`SELECT MIN(next_attempt_at) AS t FROM outbox WHERE state = 'retrying'`).get() as { t: number }
      ).t;
      const t1 = Math.max(Date.now(), firstDue);
      await until(() => b.outboxCounts().delivered === BACKLOG);
      const secs1 = (Date.now() - t1) / 1000;
      await b.close();
      yield {
        bench: 'webhooks',
        figure: 'backlog_10k_drain_s',
        value: Math.round(secs1 * 100) / 100,
        unit: 's',
        note: `${BACKLOG} deliveries over 2,000 keys (5 per key, in order), from the first retry falling due to all delivered`,
      };
    } finally {
      await receiver.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
