import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTestCore, type TestCore } from '../../helpers/core';
import { makeTempDir } from '../../helpers/tmp';

/** The URL a user pastes into a sender names the listener's port: it must survive a restart and never be swapped. */
describe('webhook listener port', () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  async function coreOn(dataDir: string): Promise<TestCore> {
    const t = await makeTestCore({ dataDir });
    cleanup.push(() => t.close());
    return t;
  }

  async function holdPort(port = 0): Promise<{ server: Server; port: number }> {
    const server = createServer((_req, res) => res.end('another program'));
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    cleanup.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    return { server, port: (server.address() as { port: number }).port };
  }

  it('picks a port at the first start, saves it, and a restarted app listens on the same one', async () => {
    const tmp = makeTempDir();
    cleanup.push(() => tmp.cleanup());
    const first = await coreOn(tmp.dir);
    expect(first.core.preferences.get().webhookPort).toBe(0);
    const started = await first.call('webhooks:listener', { action: 'start' });
    expect(started.running).toBe(true);
    expect(started.port).toBeGreaterThan(0);
    expect(started.configuredPort).toBe(started.port);
    expect(started.url).toBe(`http://127.0.0.1:${started.port}`);
    await first.core.close();

    const second = await coreOn(tmp.dir);
    expect(second.core.preferences.get().webhookPort).toBe(started.port);
    await second.core.startServices();
    const again = await second.call('webhooks:listener', { action: 'status' });
    expect(again).toMatchObject({ running: true, port: started.port, url: started.url, problem: null });
  });

  it('reports a port held by another server as port_in_use and keeps the saved port', async () => {
    const held = await holdPort();
    const tmp = makeTempDir();
    cleanup.push(() => tmp.cleanup());
    const t = await coreOn(tmp.dir);
    await t.call('settings:update', { webhookPort: held.port });

    const result = await t.raw('webhooks:listener', { action: 'start' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('port_in_use');
    expect(result.error.message).toContain(String(held.port));
    expect(result.error.details).toMatchObject({ port: held.port });

    const status = await t.call('webhooks:listener', { action: 'status' });
    expect(status).toMatchObject({ running: false, url: null, configuredPort: held.port });
    expect(status.problem).toMatchObject({ code: 'port_in_use', port: held.port });
    expect(t.core.preferences.get().webhookPort).toBe(held.port);
    // The other program still owns its port: nothing was taken over or swapped.
    const answer = await fetch(`http://127.0.0.1:${held.port}/`).then((r) => r.text());
    expect(answer).toBe('another program');
  });

  it('the app start turns a busy port into a notice naming it, and the user can choose a new port', async () => {
    const held = await holdPort();
    const tmp = makeTempDir();
    cleanup.push(() => tmp.cleanup());
    const t = await coreOn(tmp.dir);
    await t.call('settings:update', { webhookPort: held.port });
    await t.core.startServices();
    expect(t.core.webhooks.listenerAddress()).toBeNull();
    const notice = t.core.notices.list().find((n) => n.message.includes(`port ${held.port} is in use`));
    expect(notice?.level).toBe('warning');

    // "Use a free port instead": an explicit choice, then kept like the first one.
    const moved = await t.call('webhooks:listener', { action: 'start', port: 0 });
    expect(moved.running).toBe(true);
    expect(moved.port).not.toBe(held.port);
    expect(moved.problem).toBeNull();
    expect(t.core.preferences.get().webhookPort).toBe(moved.port);
  });

  it('a one-off port (the CLI --port) is used for that run only', async () => {
    const tmp = makeTempDir();
    cleanup.push(() => tmp.cleanup());
    const t = await coreOn(tmp.dir);
    await t.core.webhooks.start({ listener: { port: 0 } });
    expect(t.core.webhooks.listenerAddress()?.port).toBeGreaterThan(0);
    expect(t.core.preferences.get().webhookPort).toBe(0);
  });
});
