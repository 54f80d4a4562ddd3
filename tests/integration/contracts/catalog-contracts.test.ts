import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinConnectors } from '../../../electron/core/connectors/catalog';
import { ConnectorClient } from '../../../electron/core/connectors/client';
import { startSandbox, type Sandbox } from '../../../electron/sandbox';
import type { ConnectorDefinition } from '../../../shared/models/connector';
import { ContractSet, VendorContract, type Violation } from '../../helpers/contracts/contract';
import { declaredOperations, exerciseConnector, type ResourcePlan } from '../../helpers/contracts/exercise';
import { RecordingProxy } from '../../helpers/contracts/recording-proxy';
import { bearer } from '../connectors/test-appliers';

/**
 * Every request the catalog's HubSpot- and Stripe-compatible connectors build, and every answer the
 * sandbox tools give them, checked against the vendors' published OpenAPI documents. The sandbox
 * must mimic the vendor, so its answers are held to the same document as our requests.
 */
let sb: Sandbox;
let hubspot: ContractSet;
let stripe: ContractSet;
const FAST = { rateLimits: { requestsPerSecond: 500, burst: 100, maxConcurrency: 4 } };
const SINCE = new Date(Date.now() - 3 * 86_400_000);
let n = 0;
const unique = () => `${Date.now().toString(36)}${(n++).toString(36)}`;

beforeAll(async () => {
  sb = await startSandbox({ sizes: { contacts: 60, companies: 20, customers: 40, invoices: 30 }, rateLimits: false });
  hubspot = new ContractSet([
    await VendorContract.open('hubspot-contacts'),
    await VendorContract.open('hubspot-companies'),
  ]);
  stripe = new ContractSet([await VendorContract.open('stripe', { formBodies: true })]);
}, 120_000);
afterAll(() => sb?.stop());

const def = (id: string) => builtinConnectors().find((d) => d.id === id)!;

async function run(
  definition: ConnectorDefinition,
  upstream: string,
  token: string,
  plans: Record<string, ResourcePlan>,
  contracts: ContractSet,
) {
  const proxy = new RecordingProxy(upstream);
  const url = await proxy.start();
  try {
    const client = new ConnectorClient(definition, { baseUrl: url }, bearer(token), undefined, FAST);
    const { exercised, errors } = await exerciseConnector(client, plans);
    const violations: Violation[] = proxy.exchanges.flatMap((x) => contracts.validate(x));
    return { client, exercised, errors, violations, exchanges: proxy.exchanges };
  } finally {
    await proxy.stop();
  }
}

const crmPlans: Record<string, ResourcePlan> = {
  contacts: {
    create: () => ({ email: `c-${unique()}@example.com`, firstname: 'Ada', lastname: 'Byron', phone: '+33612345678' }),
    patch: { jobtitle: 'CTO' },
    lookup: { field: 'email', value: (r) => String((r.properties as Record<string, string>).email) },
    since: SINCE,
  },
  companies: {
    create: () => ({ name: `Co ${unique()}`, domain: `co-${unique()}.example`, numberofemployees: '12' }),
    patch: { annualrevenue: '1200.50' },
    lookup: { field: 'domain', value: (r) => String((r.properties as Record<string, string>).domain) },
    since: SINCE,
  },
};

const billingPlans: Record<string, ResourcePlan> = {
  customers: {
    create: () => ({
      email: `b-${unique()}@example.com`,
      name: 'Ada Byron',
      metadata: { crm_id: '42' },
      address: { city: 'Lyon', country: 'FR' },
    }),
    patch: { description: 'VIP', metadata: { tier: 'gold' } },
    lookup: { field: 'email', value: (r) => String(r.email) },
    since: SINCE,
  },
  invoices: {
    create: () => ({
      customer: 'cus_placeholder',
      currency: 'eur',
      collection_method: 'send_invoice',
      days_until_due: 30,
    }),
    patch: { description: 'Thanks', days_until_due: 14 },
    lookup: { field: 'number', value: (r) => String(r.number ?? 'X') },
    since: SINCE,
  },
};

const show = (v: Violation[]) => v.map((x) => `${x.side} ${x.call}: ${x.message}`).join('\n');

describe('catalog connectors against the vendors’ published OpenAPI documents', () => {
  it('CRM (HubSpot): every operation, 0 violations in requests and sandbox answers', async () => {
    const d = def('crm-hubspot');
    const r = await run(d, sb.urls.crm, sb.credentials.crm.accessToken, crmPlans, hubspot);
    expect([...r.exercised].sort()).toEqual(declaredOperations(r.client, Object.keys(crmPlans)));
    expect(show(r.violations)).toBe('');
    // The lookup of an address with a quote travels URL-encoded in the path, beside idProperty.
    expect(r.exchanges.map((x) => x.url)).toContain("/crm/v3/objects/contacts/o'brien%40example.com?idProperty=email");
    expect(r.exchanges.some((x) => x.url.includes('updatedAfter'))).toBe(false);
  });

  it('Billing (Stripe): every operation, 0 violations in requests and sandbox answers', async () => {
    const d = def('billing-stripe');
    const customer = await new ConnectorClient(
      d,
      { baseUrl: sb.urls.billing },
      bearer(sb.credentials.billing.secretKey),
    ).create('customers', { email: `inv-${unique()}@example.com` });
    const plans = {
      ...billingPlans,
      invoices: {
        ...billingPlans.invoices!,
        create: () => ({ ...billingPlans.invoices!.create(), customer: customer.id }),
      },
    };
    const r = await run(d, sb.urls.billing, sb.credentials.billing.secretKey, plans, stripe);
    expect([...r.exercised].sort()).toEqual(declaredOperations(r.client, Object.keys(plans)));
    expect(show(r.violations)).toBe('');
    expect(r.exchanges.every((x) => x.requestHeaders['stripe-version'] === '2022-11-15')).toBe(true);
  });
});

describe('the contract suite fails when a request violates the document', () => {
  it('CRM: an incremental read through a made-up list parameter is a violation', async () => {
    const d = structuredClone(def('crm-hubspot'));
    d.resources[0]!.operations.list!.incremental = { param: 'updatedAfter', format: 'iso8601' };
    const r = await run(d, sb.urls.crm, sb.credentials.crm.accessToken, { contacts: crmPlans.contacts! }, hubspot);
    expect(show(r.violations)).toMatch(/query must NOT have additional properties: "updatedAfter"/);
  });

  it('CRM: a property value sent as a number is a violation', async () => {
    const d = def('crm-hubspot');
    const plan = { ...crmPlans.companies!, patch: { numberofemployees: 12 } };
    const r = await run(d, sb.urls.crm, sb.credentials.crm.accessToken, { companies: plan }, hubspot);
    expect(show(r.violations)).toMatch(
      /PATCH \/crm\/v3\/objects\/companies\/\d+: \/requestBody\/properties\/numberofemployees must be string/,
    );
  });

  it('Billing: a JSON body where Stripe takes form encoding is a violation', async () => {
    const d = structuredClone(def('billing-stripe'));
    d.resources[0]!.operations.create!.bodyEncoding = 'json';
    const r = await run(
      d,
      sb.urls.billing,
      sb.credentials.billing.secretKey,
      { customers: billingPlans.customers! },
      stripe,
    );
    expect(show(r.violations)).toMatch(
      /POST \/v1\/customers: body encoded as "application\/json", the document takes application\/x-www-form-urlencoded/,
    );
  });
});
