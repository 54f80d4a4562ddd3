import { afterEach, describe, expect, it } from 'vitest';
import { makeTestCore, type TestCore } from '../../helpers/core';

let t: TestCore | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** Core reaches the demo only through the port it is given: without one the demo channels say so. */
describe('the demo port', () => {
  it('without demo tools, status says stopped and start fails with a typed error naming why', async () => {
    t = await makeTestCore({ demo: undefined });
    await expect(t.call('demo:status', {})).resolves.toEqual({ installed: false, running: false });
    const start = await t.raw('demo:start', {});
    expect(start.ok).toBe(false);
    if (!start.ok) {
      expect(start.error.code).toBe('unsupported');
      expect(start.error.message).toMatch(/demo tools are not part of this build/);
    }
  });

  it('loads the demo tools once, on first use, and stops them when the core closes', async () => {
    let loads = 0;
    let running = false;
    t = await makeTestCore({
      demo: async () => {
        loads++;
        return {
          start: async () => void (running = true),
          stop: async () => void (running = false),
          urls: () => (running ? { crm: 'http://127.0.0.1:1' } : undefined),
          salesOverview: () => {
            throw new Error('not used');
          },
        };
      },
    });
    await expect(t.call('demo:status', {})).resolves.toMatchObject({ running: false });
    expect(loads).toBe(0);
    await expect(t.call('demo:start', {})).resolves.toMatchObject({
      running: true,
      urls: { crm: 'http://127.0.0.1:1' },
    });
    await t.call('demo:start', {});
    expect(loads).toBe(1);
    await t.close();
    t = undefined;
    expect(running).toBe(false);
  });
});
