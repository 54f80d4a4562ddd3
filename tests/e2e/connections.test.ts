import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../electron/sandbox';
import { scanDirForCanaries } from '../helpers/canary';
import { launchApp, type E2EApp } from './harness';

/** Add, test, fix, duplicate and remove a connection through the UI, against the CRM sandbox. */
describe('Connections page', () => {
  let app: E2EApp;
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ sizes: { contacts: 50 } });
    app = await launchApp();
  });
  afterAll(async () => {
    await app?.close();
    await sandbox?.stop();
  });

  it('shows an empty state that leads to the catalog', async () => {
    await app.goto('connections');
    await app.page.getByTestId('connections-empty').waitFor();
    await app.page.getByTestId('add-connection').click();
    await app.page.getByTestId('connector-search').fill('hubspot');
    await expect(
      app.page.locator('[data-testid^="connector-"]').filter({ hasText: 'CRM' }).count(),
    ).resolves.toBeGreaterThan(0);
  });

  it('adds a CRM connection with a wrong token, sees why it fails, fixes it and sees it work', async () => {
    await app.page.getByTestId('connector-crm-hubspot').click();
    await app.page.getByTestId('field-name').fill('Acme CRM');
    await app.page.getByTestId('field-baseUrl').fill(sandbox.urls.crm);
    await app.page.getByTestId('secret-token').fill('pat-sandbox-wrong-token');
    await app.page.getByTestId('connection-submit').click();
    const card = app.page.getByTestId('connection-Acme CRM');
    await expect(
      card.getByTestId('connection-status').filter({ hasText: 'Failing' }).waitFor(),
    ).resolves.toBeUndefined();
    await expect(card.getByTestId('connection-test-result').textContent()).resolves.toMatch(
      /credential|key|token|password/i,
    );

    await card.getByTestId('connection-edit').click();
    await expect(app.page.getByTestId('secret-token-hint').textContent()).resolves.toMatch(/^set ••••/);
    await app.page.getByTestId('secret-token-replace').click();
    await app.page.getByTestId('secret-token').fill(sandbox.credentials.crm.accessToken);
    await app.page.getByTestId('connection-submit').click();
    await card.getByTestId('connection-test').click();
    await card.getByTestId('connection-status').filter({ hasText: 'Working' }).waitFor();

    // The real token is in the keychain and nowhere in the data folder or anything the page received.
    const found = execFileSync('secret-tool', ['search', '--all', 'service', app.test.keychainService], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(found).toContain(sandbox.credentials.crm.accessToken);
    expect(scanDirForCanaries(app.test.dataDir, [sandbox.credentials.crm.accessToken])).toEqual([]);
    expect(JSON.stringify(app.calls.map((c) => c.result))).not.toContain(sandbox.credentials.crm.accessToken);
  });

  it('shows the calls of the connection: the failed test (401) and the working one', async () => {
    const card = app.page.getByTestId('connection-Acme CRM');
    await card.getByTestId('connection-calls').click();
    const panel = card.getByTestId('connection-monitor');
    await panel.waitFor();
    await expect(panel.textContent()).resolves.toMatch(/calls/);
    await expect(panel.locator('li').first().textContent()).resolves.toMatch(/401|auth_failed/);
    await card.getByTestId('connection-calls').click();
  });

  it('browses the first records of a resource with its field schema and PII badges', async () => {
    const card = app.page.getByTestId('connection-Acme CRM');
    await card.getByTestId('connection-browse').click();
    const table = app.page.getByTestId('browse-table');
    await table.waitFor();
    await expect(table.locator('tbody tr').count()).resolves.toBe(20);
    await expect(table.locator('th').filter({ hasText: 'email' }).textContent()).resolves.toContain('PII');
    await app.page.getByTestId('resource-browser').getByRole('button', { name: 'Close' }).click();
  });

  it('imports an OpenAPI document, asking for the pagination it could not infer', async () => {
    await app.page.getByTestId('import-openapi').click();
    // A list that takes a cursor but never says where the next one is: the wizard asks.
    await app.page
      .getByTestId('openapi-source')
      .fill(`${process.cwd()}/tests/fixtures/openapi/cursor-without-next.openapi.json`);
    await app.page.getByTestId('openapi-inspect').click();
    await app.page.getByTestId('openapi-resource-things').waitFor();
    await app.page.getByTestId('openapi-baseurl').fill('http://127.0.0.1:9/api');
    await app.page.getByTestId('openapi-submit').click();
    await expect(app.page.getByTestId('openapi-error').textContent()).resolves.toMatch(/pagination/i);
    await app.page.getByTestId('openapi-pagination-things').selectOption('none');
    await app.page.getByTestId('openapi-submit').click();
    await expect(app.page.getByTestId('connections-status').textContent()).resolves.toMatch(/Imported/);
    expect(app.test.core.catalog.list().some((c) => c.source === 'openapi')).toBe(true);
  });

  it('duplicates without secrets and removes after confirmation', async () => {
    const card = app.page.getByTestId('connection-Acme CRM');
    await card.getByTestId('connection-duplicate').click();
    const copy = app.page.locator('[data-testid^="connection-Acme CRM"]').nth(1);
    await copy.waitFor();
    await expect(app.page.getByTestId('connections-status').textContent()).resolves.toMatch(/without secrets/);
    await copy.getByTestId('connection-remove').click();
    await app.page.getByTestId('confirm-cancel').click();
    await expect(app.page.locator('[data-testid^="connection-Acme CRM"]').count()).resolves.toBe(2);
    await copy.getByTestId('connection-remove').click();
    await app.page.getByTestId('confirm-ok').click();
    await expect.poll(() => app.page.locator('[data-testid^="connection-Acme CRM"]').count()).toBe(1);
    await app.screenshot('connections');
  });
});
