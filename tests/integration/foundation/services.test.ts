import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { makeTestCore } from '../../helpers/core';

/** What the app shell starts after its window: every long-running service, failures as notices. */
describe('core.startServices', () => {
  it('starts the schedulers and the webhook listener, and close() stops them all', async () => {
    const t = await makeTestCore();
    try {
      await t.core.startServices();
      expect(t.core.sync.scheduler.started).toBe(true);
      expect(t.core.webhooks.listenerAddress()?.host).toBe('127.0.0.1');
      expect(t.core.notices.list().filter((n) => n.level !== 'info')).toEqual([]);
    } finally {
      await t.close();
    }
    expect(t.core.webhooks.listenerAddress()).toBeNull();
  });

  it('turns a busy webhook port into a notice and still starts the rest', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as { port: number }).port;
    const t = await makeTestCore();
    try {
      await t.call('settings:update', { webhookPort: port });
      await t.core.startServices();
      expect(t.core.sync.scheduler.started).toBe(true);
      const warnings = t.core.notices.list().filter((n) => n.level === 'warning');
      expect(warnings.map((n) => n.message).join('\n')).toMatch(new RegExp(String(port)));
    } finally {
      await t.close();
      blocker.close();
    }
  });
});
