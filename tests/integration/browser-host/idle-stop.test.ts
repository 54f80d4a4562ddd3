import { request, type ClientRequest } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeTimers } from '../../helpers/fake-timers';
import { startTestHost } from './host-fixture';

/**
 * Browser mode stops when the last tab has been closed for a grace period: a reload (the page's
 * event stream drops and reconnects at once) must not stop it, closing every tab must. Time is the
 * fake clock's; the tabs are real event streams over HTTP.
 */
const GRACE_MS = 5_000;

describe('browser mode: stop after the last tab closed', () => {
  let h: Awaited<ReturnType<typeof startTestHost>>;
  let clock: FakeTimers;
  let idle: number;

  beforeEach(async () => {
    clock = new FakeTimers();
    idle = 0;
    h = await startTestHost({ timers: clock, idleGraceMs: GRACE_MS, onIdle: () => idle++ });
  });
  afterEach(async () => {
    await h.close();
  });

  /** A tab: the page's event stream, open once the server has answered it. */
  function openTab(): Promise<ClientRequest> {
    return new Promise((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: h.host.port, path: '/api/events', headers: h.pageHeaders, setHost: false },
        (res) => {
          expect(res.statusCode).toBe(200);
          res.once('data', () => resolve(req));
        },
      );
      req.on('error', (e: NodeJS.ErrnoException) => (e.code === 'ECONNRESET' ? undefined : reject(e)));
      req.end();
    });
  }

  /** Closes a tab and waits (in event-loop turns, not time) until the server has seen it go. */
  async function closeTab(tab: ClientRequest, tabsLeft: number): Promise<void> {
    tab.destroy();
    for (let turn = 0; h.host.tabs() !== tabsLeft; turn++) {
      if (turn > 10_000) throw new Error(`the server still counts ${h.host.tabs()} tabs`);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  it('reports idle only once the grace period has passed with no tab open', async () => {
    const tab = await openTab();
    expect(h.host.tabs()).toBe(1);
    clock.advance(GRACE_MS * 10);
    expect(idle).toBe(0);

    await closeTab(tab, 0);
    clock.advance(GRACE_MS - 1);
    expect(idle).toBe(0);
    clock.advance(1);
    expect(idle).toBe(1);
  });

  it('a reload within the grace period keeps it running', async () => {
    await closeTab(await openTab(), 0);
    clock.advance(GRACE_MS - 100);
    const reloaded = await openTab();
    expect(clock.pending).toBe(0);
    clock.advance(GRACE_MS * 10);
    expect(idle).toBe(0);
    await closeTab(reloaded, 0);
    clock.advance(GRACE_MS);
    expect(idle).toBe(1);
  });

  it('closing one of two tabs is not idle; closing the second is', async () => {
    const first = await openTab();
    const second = await openTab();
    await closeTab(first, 1);
    expect(clock.pending).toBe(0);
    clock.advance(GRACE_MS * 2);
    expect(idle).toBe(0);
    await closeTab(second, 0);
    clock.advance(GRACE_MS);
    expect(idle).toBe(1);
  });

  it('closing the host disarms a pending idle timer', async () => {
    await closeTab(await openTab(), 0);
    expect(clock.pending).toBe(1);
    await h.host.close();
    expect(clock.pending).toBe(0);
  });
});
