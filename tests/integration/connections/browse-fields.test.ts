import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../electron/sandbox';
import { makeTestCore, type TestCore } from '../../helpers/core';

/**
 * Browsing a connection's resource shows the account's own fields: for the CRM, the properties API's
 * list (custom properties marked), with their values read by name; for Xero, the declared fields.
 */
let t: TestCore;
let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ sizes: { contacts: 30, accountingContacts: 5 }, rateLimits: false });
  t = await makeTestCore();
}, 60_000);
afterAll(async () => {
  await t?.close();
  await sb?.stop();
});

describe('connections:browse', () => {
  it('lists the CRM account’s custom properties as fields, with their values', async () => {
    const { id } = await t.call('connections:create', {
      name: 'CRM',
      connectorId: 'crm-hubspot',
      baseUrl: sb.urls.crm,
      authKind: 'bearer',
      secrets: { token: sb.credentials.crm.accessToken },
    });
    const { fields, records } = await t.call('connections:browse', { id, resource: 'contacts', limit: 5 });
    const since = fields.find((f) => f.name === 'customer_since');
    expect(since).toMatchObject({ custom: true, path: 'properties.customer_since', wire: 'string' });
    expect(fields.find((f) => f.name === 'email')?.custom).toBeUndefined();
    expect(records).toHaveLength(5);
    // Asked for by name: the custom property's values came back.
    expect(records.some((r) => (r.properties as Record<string, unknown>).customer_since !== undefined)).toBe(true);
  });

  it('Xero: the organisation is chosen after sign-in, kept as a setting, then browsing works', async () => {
    const { id } = await t.call('connections:create', {
      name: 'Xero',
      connectorId: 'accounting-xero',
      baseUrl: sb.endpoints.accountingApi,
      authKind: 'bearer',
      secrets: { token: sb.credentials.accounting.accessToken },
    });
    // Before the choice, a call says which setting is missing.
    await expect(t.call('connections:browse', { id, resource: 'contacts', limit: 3 })).rejects.toThrow(
      /needs the connection setting "Organisation \(Xero tenant id\)"/,
    );
    const { setting, choices } = await t.call('connections:settingChoices', { id });
    expect([setting, choices]).toEqual([
      'tenantId',
      [{ value: sb.credentials.accounting.tenantId, label: 'Patchbay Sandbox Ltd' }],
    ]);
    const updated = await t.call('connections:update', { id, settings: { [setting]: choices[0]!.value } });
    expect(updated.settings).toEqual({ tenantId: sb.credentials.accounting.tenantId });
    const { fields, records } = await t.call('connections:browse', { id, resource: 'contacts', limit: 3 });
    expect(fields.map((f) => f.name)).toContain('EmailAddress');
    expect(records.map((r) => typeof r.ContactID)).toEqual(['string', 'string', 'string']);
  });
});
