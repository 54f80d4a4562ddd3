import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../electron/sandbox';
import { launchApp, type E2EApp } from './harness';

/**
 * Mappings through the UI: a CRM → billing mapping built on the sandbox from the suggested rules plus
 * two edits; a validation error appears and disappears as a rule changes; the preview shows the
 * update diff for a customer that already exists in billing.
 */
describe('Mappings page', () => {
  let app: E2EApp;
  let sandbox: Sandbox;
  let contact: { id: string; email: string; firstname: string; lastname: string };

  beforeAll(async () => {
    sandbox = await startSandbox({ sizes: { contacts: 60, customers: 20, companies: 5, invoices: 5, orders: 5 } });
    const res = await fetch(`${sandbox.urls.crm}/crm/v3/objects/contacts?limit=1&properties=email,firstname,lastname`, {
      headers: { authorization: `Bearer ${sandbox.credentials.crm.accessToken}` },
    });
    const first = ((await res.json()) as { results: { id: string; properties: Record<string, string> }[] }).results[0]!;
    contact = {
      id: first.id,
      email: first.properties.email!,
      firstname: first.properties.firstname!,
      lastname: first.properties.lastname!,
    };
    // This person is already a billing customer, under an outdated name.
    const seeded = await fetch(`${sandbox.urls.billing}/v1/customers`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${sandbox.credentials.billing.secretKey}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ email: contact.email, name: `${contact.firstname} Oldname` }).toString(),
    });
    expect(seeded.ok).toBe(true);
    app = await launchApp({
      setup: async (t) => {
        await t.core.connections.create({
          name: 'Sandbox CRM',
          connectorId: 'crm-hubspot',
          baseUrl: sandbox.urls.crm,
          authKind: 'bearer',
          authSettings: {},
          secrets: { token: sandbox.credentials.crm.accessToken },
        });
        await t.core.connections.create({
          name: 'Sandbox billing',
          connectorId: 'billing-stripe',
          baseUrl: sandbox.urls.billing,
          authKind: 'bearer',
          authSettings: {},
          secrets: { token: sandbox.credentials.billing.secretKey },
        });
      },
    });
  });
  afterAll(async () => {
    await app?.close();
    await sandbox?.stop();
  });

  const countryErrors = () => app.page.getByTestId('row-errors').locator('li', { hasText: 'ISO 3166-1' }).count();

  it('starts from an empty state and builds a CRM → billing mapping from the suggested rules', async () => {
    const { page } = app;
    await app.goto('mappings');
    await expect(page.getByTestId('mappings-empty').textContent()).resolves.toMatch(
      /Create a mapping: pick a source and a target/,
    );
    await page.getByTestId('new-mapping').click();
    await page.getByTestId('source-connection').selectOption({ label: 'Sandbox CRM' });
    await page.getByTestId('source-resource').selectOption('contacts');
    await page.getByTestId('target-connection').selectOption({ label: 'Sandbox billing' });
    await page.getByTestId('target-resource').selectOption('customers');
    await page.getByTestId('mapping-name').fill('CRM contacts to billing');
    await page.keyboard.press('Enter'); // submits "Suggest rules"
    await page.getByTestId('suggestions').waitFor();
    await expect(page.getByTestId('suggestion-email').isChecked()).resolves.toBe(true);
    await page.getByTestId('use-suggestions').click();
    await page.getByTestId('preview-counts').waitFor();
    await expect(page.getByTestId('rule-email').isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('rule-name').isVisible()).resolves.toBe(true);
    // Source field panel: type, sample value, PII badge.
    await expect(page.getByTestId('source-field-email').textContent()).resolves.toMatch(/PII/);
    await expect(page.getByTestId('source-field-email').textContent()).resolves.toContain(contact.email);
  });

  it('two edits fix the suggestion; a validation error appears and disappears without refetching', async () => {
    const { page } = app;
    // What the CRM has been asked so far: edits must not ask it again.
    const crmSeq = sandbox.servers.crm.log.all().at(-1)?.seq ?? 0;

    // Edit 1: the one-line CRM address belongs in address_line1, not address_line2.
    await page.getByTestId('rule-address_line2').getByTestId('rule-target').selectOption('address_line1');
    await page.getByTestId('rule-address_line1').waitFor();
    // Edit 2: French national numbers ("03.56.11.03.91") need a default country.
    const phoneErrorsBefore = await page.getByTestId('row-errors').locator('li', { hasText: 'phone' }).count();
    expect(phoneErrorsBefore).toBeGreaterThan(0);
    await page.getByTestId('rule-phone').getByTestId('step-0').getByTestId('param-defaultCountry').fill('FR');
    await expect
      .poll(() => page.getByTestId('row-errors').locator('li', { hasText: 'phone' }).count())
      .toBeLessThan(phoneErrorsBefore);
    await expect(page.getByTestId('rule-phone').getByTestId('step-output').textContent()).resolves.not.toMatch(
      /✗.*not a phone/,
    );

    // Without its country step, "Germany" fails the target's country format: the error appears…
    expect(await countryErrors()).toBe(0);
    const country = page.getByTestId('rule-address_country');
    await country.getByTestId('step-remove').click();
    await expect.poll(countryErrors).toBeGreaterThan(0);
    await page.getByTestId('only-errors').check();
    const rows = await page.locator('[data-testid^="preview-row-"]').count();
    expect(rows).toBe(await page.locator('tr.row-error').count());
    // …and disappears when the step is added back.
    await country.getByTestId('add-step-kind').selectOption('country');
    await country.getByTestId('add-step').click();
    await expect.poll(countryErrors).toBe(0);
    await page.getByTestId('only-errors').uncheck();

    // Inline "test this transform" on a typed value.
    await country.getByTestId('step-test-toggle').click();
    await country.getByTestId('tester-input').fill('Deutschland');
    await country.getByTestId('tester-input').press('Enter');
    await expect(country.getByTestId('tester-output').textContent()).resolves.toContain('"DE"');

    // All of that ran in the page on the samples fetched once: the CRM received no request meanwhile.
    expect(sandbox.servers.crm.log.since(crmSeq)).toEqual([]);
  });

  it('shows the update diff for the customer that already exists in billing', async () => {
    const { page } = app;
    const row = page.getByTestId(`preview-row-${contact.id}`);
    await expect(row.getByTestId('row-operation').textContent()).resolves.toBe('Update');
    await expect(row.textContent()).resolves.toMatch(/only name/);
    await expect(row.getByTestId('diff-name').textContent()).resolves.toContain(
      `"${contact.firstname} Oldname" → "${contact.firstname} ${contact.lastname}"`,
    );
    // Fields read vs not transmitted, PII transmitted.
    await expect(page.getByTestId('not-transmitted').textContent()).resolves.toMatch(/jobtitle/);
    await expect(page.getByTestId('pii-transmitted').textContent()).resolves.toMatch(/email/);
  });

  it('saves versions, records the PII acknowledgement, reverts after confirmation', async () => {
    const { page } = app;
    await page.getByTestId('mapping-save').click();
    await expect.poll(() => page.getByTestId('editor-status').textContent()).toMatch(/Saved as version 1/);
    await page.getByTestId('pii-acknowledge').check();
    await expect
      .poll(() => page.getByTestId('editor-status').textContent())
      .toMatch(/Acknowledgement recorded \(version 2\)/);
    await page.getByTestId('rule-phone').getByTestId('rule-remove').click();
    await page.getByTestId('mapping-save').click();
    await expect.poll(() => page.getByTestId('editor-status').textContent()).toMatch(/Saved as version 3/);

    await page.getByTestId('mapping-history').click();
    await page.getByTestId('version-2').waitFor();
    await page.getByTestId('version-2').getByTestId('version-revert').click();
    await page.getByTestId('confirm-cancel').click();
    await expect(page.getByTestId('rule-phone').count()).resolves.toBe(0);
    await page.getByTestId('version-2').getByTestId('version-revert').click();
    await page.getByTestId('confirm-ok').click();
    await expect
      .poll(() => page.getByTestId('editor-status').textContent())
      .toMatch(/version 2 is now saved as version 4/);
    await page.getByTestId('rule-phone').waitFor();
    const saved = await app.test.call('mappings:list', {});
    expect(saved).toMatchObject([{ name: 'CRM contacts to billing', version: 4 }]);
    await page.getByTestId('version-history').getByRole('button', { name: 'Close' }).click();
    // The screenshot shows the preview around the record that already exists in billing (its update diff).
    await page.getByTestId(`preview-row-${contact.id}`).scrollIntoViewIfNeeded();
    await app.screenshot('mappings');
  });
});
