import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/tmp';
import { launchApp, type E2EApp } from './harness';

/**
 * Settings → Workspace files in the real UI: export to the folder the dialog returns, edit a file,
 * read the folder back, see the plan (nothing changed yet), apply it, and type a missing secret.
 */
describe('Workspace files in the app', () => {
  const folder = makeTempDir('patchbay-e2e-ws-');
  let app: E2EApp;
  beforeAll(async () => {
    app = await launchApp({
      core: { chooseFolder: () => folder.dir },
      setup: async (t) => {
        await t.call('connections:create', {
          name: 'Acme CRM',
          connectorId: 'crm-hubspot',
          baseUrl: 'https://api.hubapi.com',
          authKind: 'bearer',
          secrets: { token: 'pat-e2e-0123456789abcdef' },
        });
      },
    });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    folder.cleanup();
  });

  it('exports, shows the plan before applying, applies, and asks for missing secrets', async () => {
    const { page } = app;
    await app.goto('settings');
    await page.getByTestId('workspace-export').click();
    await page
      .getByTestId('workspace-status')
      .getByText(/Exported 1 object/)
      .waitFor();
    const file = join(folder.dir, 'connections', 'acme-crm.yaml');
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('pat-e2e-0123456789abcdef');
    writeFileSync(file, text.replace('name: Acme CRM', 'name: Acme CRM (prod)'));

    await page.getByTestId('workspace-read').click();
    const plan = page.getByTestId('workspace-plan');
    await plan.waitFor();
    expect(await plan.locator('li[data-action="change"]').innerText()).toMatch(
      /name: "Acme CRM" → "Acme CRM \(prod\)"/,
    );
    // Nothing changed before the click.
    expect((await app.test.core.connections.list())[0]!.name).toBe('Acme CRM');
    await page.getByTestId('workspace-apply').click();
    await page
      .getByTestId('workspace-status')
      .getByText(/Applied: 0 created, 1 changed/)
      .waitFor();
    expect((await app.test.core.connections.list())[0]!.name).toBe('Acme CRM (prod)');
    await app.screenshot('workspace-files');

    // A secret the keychain lacks is listed and can be typed in (it goes to the keychain only).
    const id = (await app.test.core.connections.list())[0]!.id;
    await app.test.core.secrets.delete(id, 'token');
    await app.goto('connections');
    await app.goto('settings');
    const missing = page.getByTestId('workspace-missing-secrets');
    await missing.waitFor();
    await missing.getByLabel('token for Acme CRM (prod)').fill('pat-e2e-new-value-0000');
    await missing.getByRole('button', { name: 'Save to keychain' }).click();
    await page
      .getByTestId('workspace-status')
      .getByText(/Stored token/)
      .waitFor();
    expect(await app.test.core.secrets.get(id, 'token')).toBe('pat-e2e-new-value-0000');
  }, 120_000);
});
