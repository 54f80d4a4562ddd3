import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WmsSandbox } from '../../../electron/sandbox/wms/server';
import { startApp, freePort } from '../../helpers/webhook-child';
import { shopOrder } from '../../helpers/webhook-order-flow';
import { sendSigned, sendUntilStored } from '../../helpers/webhook-sender';
import { makeTempDir } from '../../helpers/tmp';

const SECRET = 'shop-webhook-secret';
const CREDS = { username: 'wms-user', password: 'wms-pass' };
const ORDERS = 250;
const EVENTS_PER_ORDER = 4; // create + 3 updates = 1,000 webhooks

let tmp: ReturnType<typeof makeTempDir>;
let wms: WmsSandbox;
let apps: Awaited<ReturnType<typeof startApp>>[] = [];

beforeEach(async () => {
  tmp = makeTempDir('patchbay-crash-');
  wms = new WmsSandbox({ seed: 1, ...CREDS, rateLimits: false, sizes: { shipments: 0 } });
  await wms.start(0, '127.0.0.1');
});

afterEach(async () => {
  for (const a of apps) a.child.kill('SIGKILL');
  await Promise.all(apps.map((a) => a.exited));
  apps = [];
  await wms.stop();
  tmp.cleanup();
});

async function launch(port: number) {
  const app = await startApp({
    dataDir: tmp.dir,
    port,
    secret: SECRET,
    wmsEndpoint: wms.endpoint,
    creds: CREDS,
    schedule: [250, 500, 1000, 2000, 2000, 2000, 2000, 2000, 2000, 2000],
  });
  apps.push(app);
  return app;
}

async function until(check: () => boolean, timeoutMs: number, what: string) {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('crash recovery (done-when)', () => {
  it('an event answered 2xx is in the database even if the process is SIGKILLed right after', async () => {
    const port = await freePort();
    const app = await launch(port);
    const r = await sendSigned(`${app.url}/hooks/shop`, { kind: 'shopify' }, SECRET, shopOrder(1, 1), {
      eventId: 'durable-1',
    });
    expect(r.status).toBe(200);
    app.child.kill('SIGKILL');
    await app.exited;
    const db = new Database(join(tmp.dir, 'webhooks.db'));
    const row = db.prepare(`SELECT event_id FROM events WHERE event_id = 'durable-1'`).get();
    db.close();
    expect(row).toEqual({ event_id: 'durable-1' });
  });

  it('1,000 signed order webhooks, WMS down for a while, app SIGKILLed and restarted: each order exactly once, in per-order sequence', async () => {
    const port = await freePort();
    let app = await launch(port);
    const url = `http://127.0.0.1:${port}/hooks/shop`;

    let stored = 0;
    let killed = false;
    let killedWhileDown = false;
    const t0 = Date.now();
    const restart = async () => {
      killed = true;
      killedWhileDown = wms.isDown;
      if (process.env.WEBHOOK_TEST_VERBOSE) console.log('kill at', Date.now() - t0, 'ms');
      app.child.kill('SIGKILL');
      await app.exited;
      app = await launch(port);
    };
    let restarting: Promise<void> | null = null;
    // Each order's events go out in sequence (as a shop does); different orders in parallel.
    let nextOrder = 0;
    const sender = async () => {
      while (nextOrder < ORDERS) {
        const n = nextOrder++;
        for (let s = 1; s <= EVENTS_PER_ORDER; s++) {
          await sendUntilStored(url, { kind: 'shopify' }, SECRET, shopOrder(n, s), `order-${n}-v${s}`, 90_000);
          stored++;
          // The warehouse goes down mid-stream; the app is killed while deliveries are failing.
          if (stored === 200) wms.setDown(6);
          if (!killed && stored === 400) restarting = restart();
        }
      }
    };
    await Promise.all(Array.from({ length: 12 }, sender));
    await restarting;
    expect(killed).toBe(true);
    expect(stored).toBe(ORDERS * EVENTS_PER_ORDER);

    const accepted = (ref: string) =>
      (wms.store.messages.get(ref) ?? []).filter((m) => m.outcome === 'created' || m.outcome === 'updated');
    const complete = () => {
      for (let n = 0; n < ORDERS; n++) {
        const seqs = [...new Set(accepted(`#${10_000 + n}`).map((m) => m.sequence))];
        if (seqs.length !== EVENTS_PER_ORDER) return false;
      }
      return true;
    };
    await until(complete, 60_000, 'every order and update to reach the WMS');

    // Each order created exactly once…
    const created = wms.store.createdOrders();
    expect(created).toHaveLength(ORDERS);
    expect(new Set(created).size).toBe(ORDERS);
    for (let n = 0; n < ORDERS; n++) {
      const msgs = accepted(`#${10_000 + n}`);
      expect(msgs.filter((m) => m.op === 'CreateShipment')).toHaveLength(1);
      // …and its messages arrived in per-order sequence (a re-sent in-flight message repeats its own number only).
      const seqs = msgs.map((m) => m.sequence!);
      expect(seqs[0]).toBe(1);
      expect(seqs.every((v, k) => k === 0 || v >= seqs[k - 1]!)).toBe(true);
      expect([...new Set(seqs)]).toEqual([1, 2, 3, 4]);
    }
    expect(wms.store.orderingViolations()).toEqual([]);
    // The outage was real: the WMS refused calls, and the outbox's retries carried them through.
    const byStatus = (wms.stats() as { byStatus: Record<string, number> }).byStatus;
    expect(byStatus['503']).toBeGreaterThan(0);
    expect(killedWhileDown).toBe(true);
    if (process.env.WEBHOOK_TEST_VERBOSE) console.log({ byStatus, wms: wms.store.counts(), ms: Date.now() - t0 });

    // Every stored event is in the database exactly once, and nothing is left behind.
    app.child.kill('SIGTERM');
    await app.exited;
    const db = new Database(join(tmp.dir, 'webhooks.db'), { readonly: true });
    const events = db.prepare(`SELECT COUNT(*) AS n, COUNT(DISTINCT event_id) AS d FROM events`).get() as {
      n: number;
      d: number;
    };
    const states = db.prepare(`SELECT state, COUNT(*) AS n FROM outbox GROUP BY state`).all();
    db.close();
    expect(events).toEqual({ n: 1000, d: 1000 });
    expect(states).toEqual([{ state: 'delivered', n: 1000 }]);
  }, 180_000);
});
