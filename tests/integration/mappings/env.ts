import { startSandbox, type Sandbox } from '../../../electron/sandbox';
import { makeTestCore, type TestCore } from '../../helpers/core';

/** A real core with two connections on the sandbox: CRM (HubSpot-like) and billing (Stripe-like). */
export interface MappingEnv {
  test: TestCore;
  sandbox: Sandbox;
  crmId: string;
  billingId: string;
  close(): Promise<void>;
}

export async function makeMappingEnv(sizes: { contacts?: number; customers?: number } = {}): Promise<MappingEnv> {
  const sandbox = await startSandbox({
    sizes: { contacts: sizes.contacts ?? 40, customers: sizes.customers ?? 30, companies: 5, invoices: 5, orders: 5 },
  });
  const test = await makeTestCore();
  const crm = await test.core.connections.create({
    name: 'Sandbox CRM',
    connectorId: 'crm-hubspot',
    baseUrl: sandbox.urls.crm,
    authKind: 'bearer',
    authSettings: {},
    secrets: { token: sandbox.credentials.crm.accessToken },
  });
  const billing = await test.core.connections.create({
    name: 'Sandbox billing',
    connectorId: 'billing-stripe',
    baseUrl: sandbox.urls.billing,
    authKind: 'bearer',
    authSettings: {},
    secrets: { token: sandbox.credentials.billing.secretKey },
  });
  return {
    test,
    sandbox,
    crmId: crm.id,
    billingId: billing.id,
    async close() {
      await test.close();
      await sandbox.stop();
    },
  };
}

/** Creates a billing customer straight through the sandbox's Stripe-like API (form-encoded). */
export async function seedBillingCustomer(sandbox: Sandbox, fields: Record<string, string>): Promise<{ id: string }> {
  const res = await fetch(`${sandbox.urls.billing}/v1/customers`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${sandbox.credentials.billing.secretKey}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams(fields).toString(),
  });
  if (!res.ok) throw new Error(`seeding a billing customer failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: string };
}
