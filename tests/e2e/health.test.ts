import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installDemoWorkspace } from '../../electron/demo/workspace';
import { startSandbox, type Sandbox } from '../../electron/sandbox';
import { launchApp, type E2EApp } from './harness';

/**
 * Health and schema drift as a user sees them: the dashboard leads with each sync's health, a sync
 * paused by a schema change says why on its panel and resumes from there, and the mapping editor
 * marks the rule whose source field the CRM renamed.
 */
describe('health and schema drift in the app', () => {
  let app: E2EApp;
  let sandbox: Sandbox;
  let syncId: string;

  beforeAll(async () => {
    sandbox = await startSandbox({ sizes: { contacts: 20, customers: 0, companies: 5, invoices: 5, orders: 5 } });
    app = await launchApp({
      setup: async (t) => {
        syncId = (await installDemoWorkspace(t.core, sandbox)).state.syncId;
        await t.core.sync.service.runToEnd(syncId);
      },
    });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await sandbox?.stop();
  });

  it('the dashboard headline shows the sync healthy after its run', async () => {
    await app.goto('dashboard');
    const row = app.page.getByTestId('health-row').first();
    await row.waitFor();
    await expect.poll(() => row.getAttribute('data-state')).toBe('healthy');
    await expect(app.page.getByTestId('health-section').textContent()).resolves.toMatch(/healthy/);
  });

  it('a sync paused by a schema change says why on its panel, and the mapping editor marks the broken rule', async () => {
    sandbox.servers.crm.renameProperty('contacts', 'customer_since', 'customer_since_date');
    const def = app.test.core.sync.service.definition(syncId);
    app.test.core.sync.service.save({ ...def, schemaDrift: 'pause' });
    await expect(app.test.core.sync.service.run(syncId)).rejects.toMatchObject({ code: 'sync_paused' });

    await app.goto('syncs');
    await app.page.getByTestId(`sync-row-${syncId}`).click();
    const note = app.page.getByTestId('sync-health');
    await note.waitFor();
    await expect(note.textContent()).resolves.toMatch(/customer_since removed/);

    await app.goto('mappings');
    await app.page.getByTestId('mapping-open').first().click();
    await app.page.getByTestId('mapping-drift').waitFor();
    const rule = app.page.getByTestId('rule-metadata_customer_since');
    await expect.poll(() => rule.getAttribute('class')).toMatch(/rule-broken/);
    await expect(rule.getByTestId('rule-issue').textContent()).resolves.toMatch(
      /no longer has the field "customer_since"/,
    );

    sandbox.servers.crm.renameProperty('contacts', 'customer_since_date', 'customer_since');
    await app.goto('syncs');
    await app.page.getByTestId(`sync-row-${syncId}`).click();
    await app.page.getByTestId('sync-health-resume').click();
    await app.page.getByTestId('sync-health').waitFor({ state: 'detached' });
    expect(app.test.core.health.get('sync', syncId).pause).toBeNull();
  });
});
