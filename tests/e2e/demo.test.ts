import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, type E2EApp } from './harness';

/** First start: the empty Connections page offers the demo workspace on the embedded sandbox tools. */
describe('demo workspace from the UI', () => {
  let app: E2EApp;
  beforeAll(async () => {
    app = await launchApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('sets up working sandbox connections, a mapping and a sync with one click', async () => {
    await app.goto('connections');
    await app.page.getByTestId('start-demo').click();
    await expect(app.page.getByTestId('connections-status').textContent({ timeout: 60_000 })).resolves.toMatch(
      /demo workspace is ready/,
    );
    await expect(app.page.locator('[data-testid^="connection-Sandbox "]').count()).resolves.toBe(5);
    const crm = app.page.getByTestId('connection-Sandbox CRM');
    await crm.getByTestId('connection-test').click();
    await crm.getByTestId('connection-status').filter({ hasText: 'Working' }).waitFor();
    await app.goto('syncs');
    await expect(app.page.getByText('Demo: CRM contacts → billing customers').first().isVisible()).resolves.toBe(true);
    await expect(app.test.core.demo.status()).resolves.toMatchObject({ installed: true, running: true });
    // The demo mapping is judged against the same schemas its sync runs with: no broken rule.
    const [mapping] = await app.test.call('mappings:list', {});
    const saved = await app.test.call('mappings:get', { id: mapping!.id });
    expect(saved.issues).toEqual([]);
  });
});
