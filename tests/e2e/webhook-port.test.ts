import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, type E2EApp } from './harness';

/**
 * The listener's saved port is held by another program when the app starts: the page says so, names
 * the port, and moves to a new one only when the user asks.
 */
describe('Webhooks page with a busy listener port', () => {
  let app: E2EApp;
  let blocker: Server;
  let heldPort: number;

  beforeAll(async () => {
    blocker = createServer((_req, res) => res.end('another program'));
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    heldPort = (blocker.address() as { port: number }).port;
    app = await launchApp({
      setup: async (t) => {
        await t.call('settings:update', { webhookPort: heldPort });
        // What the app shell does after its window is up; the busy port becomes a notice.
        await t.core.startServices();
      },
    });
  });
  afterAll(async () => {
    await app?.close();
    await new Promise<void>((resolve) => blocker?.close(() => resolve()));
  });

  it('reports the busy port and offers a free one, which is then kept', async () => {
    const { page } = app;
    await app.goto('webhooks');
    await expect(page.getByTestId('listener-status').textContent()).resolves.toBe('Stopped');
    await expect(page.getByTestId('listener-problem').textContent()).resolves.toContain(`port ${heldPort} is in use`);

    await page.getByTestId('listener-pick').click();
    await page.getByTestId('listener-url').waitFor();
    const url = await page.getByTestId('listener-url').textContent();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(url).not.toBe(`http://127.0.0.1:${heldPort}`);
    await expect(page.getByTestId('listener-problem').count()).resolves.toBe(0);
    expect(app.test.core.preferences.get().webhookPort).toBe(Number(new URL(url!).port));
  });
});
