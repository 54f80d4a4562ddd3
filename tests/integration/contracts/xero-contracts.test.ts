import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinConnectors } from '../../../electron/core/connectors/catalog';
import { ConnectorClient } from '../../../electron/core/connectors/client';
import { startSandbox, type Sandbox } from '../../../electron/sandbox';
import type { ConnectorDefinition } from '../../../shared/models/connector';
import { ContractSet, VendorContract, type Exchange, type Violation } from '../../helpers/contracts/contract';
import { declaredOperations, exerciseConnector, type ResourcePlan } from '../../helpers/contracts/exercise';
import { RecordingProxy } from '../../helpers/contracts/recording-proxy';
import { bearer } from '../connectors/test-appliers';

/**
 * Every request the Xero connector builds, and every answer the accounting sandbox gives it, checked
 * against Xero's published Accounting document (the full one from ../shared when present, else the
 * committed extract). Xero also answers statuses its document does not list (404 as plain text for
 * an unknown id, 401/403 problem JSON, 429): those bodies are held to Xero's documented behaviour by
 * the sandbox tests instead, and named here so that nothing else is excused.
 */
let sb: Sandbox;
let xero: ContractSet;
const FAST = { rateLimits: { requestsPerSecond: 500, burst: 100, maxConcurrency: 4 } };
const SINCE = new Date(Date.now() - 3 * 86_400_000);
const MISSING = '00000000-0000-4000-a000-000000000000';
let n = 0;
const unique = () => `${Date.now().toString(36)}${(n++).toString(36)}`;
const UNDOCUMENTED = /^status 404 is not a response of get(Contact|ContactByContactNumber|Invoice|Item|Payment) /;

beforeAll(async () => {
  sb = await startSandbox({
    sizes: { accountingContacts: 12, accountingInvoices: 10, accountingItems: 6 },
    rateLimits: false,
  });
  xero = new ContractSet([await VendorContract.open('xero-accounting')]);
}, 120_000);
afterAll(() => sb?.stop());

const def = () => builtinConnectors().find((d) => d.id === 'accounting-xero')!;
const show = (v: Violation[]) => v.map((x) => `${x.side} ${x.call}: ${x.message}`).join('\n');

function client(definition: ConnectorDefinition, baseUrl: string) {
  return new ConnectorClient(
    definition,
    { baseUrl, settings: { tenantId: sb.credentials.accounting.tenantId } },
    bearer(sb.credentials.accounting.accessToken),
    undefined,
    FAST,
  );
}

async function run(definition: ConnectorDefinition, plans: Record<string, ResourcePlan>) {
  const proxy = new RecordingProxy(sb.urls.accounting);
  const url = await proxy.start();
  try {
    const c = client(definition, `${url}/api.xro/2.0`);
    const { exercised, errors } = await exerciseConnector(c, plans);
    const violations = proxy.exchanges.flatMap((x) => xero.validate(x)).filter((v) => !UNDOCUMENTED.test(v.message));
    return { client: c, exercised, errors, violations, exchanges: proxy.exchanges };
  } finally {
    await proxy.stop();
  }
}

async function plans(): Promise<Record<string, ResourcePlan>> {
  const direct = client(def(), sb.endpoints.accountingApi);
  const [contact] = (await direct.listPages('contacts', { limit: 1 }).next()).value as Record<string, unknown>[];
  const invoices: Record<string, unknown>[] = [];
  for await (const page of direct.listPages('invoices')) invoices.push(...page);
  const open = invoices.find((i) => i.Status === 'AUTHORISED')!;
  let itemCode = '';
  return {
    contacts: {
      create: () => ({ Name: `Ada Byron ${unique()}`, FirstName: 'Ada', EmailAddress: `x-${unique()}@example.com` }),
      patch: { AccountNumber: 'ACC-42', Phones: [{ PhoneType: 'MOBILE', PhoneNumber: '+33612345678' }] },
      lookup: { field: 'EmailAddress', value: (r) => String(r.EmailAddress) },
      since: SINCE,
      missingId: MISSING,
    },
    invoices: {
      create: () => ({
        Type: 'ACCREC',
        Contact: { ContactID: contact!.ContactID },
        Date: '2026-03-01',
        DueDate: '2026-03-31',
        LineItems: [{ Description: 'Support hour', Quantity: 2, UnitAmount: 85, AccountCode: '200' }],
        Reference: `R-${unique()}`,
      }),
      patch: { Reference: 'Thanks', DueDate: '2026-04-15' },
      lookup: { field: 'InvoiceNumber', value: (r) => String(r.InvoiceNumber) },
      since: SINCE,
      missingId: MISSING,
    },
    items: {
      create: () => ({ Code: (itemCode = `I-${unique()}`), Name: 'Item', SalesDetails: { UnitPrice: 9.5 } }),
      // Xero's document requires Code in every item write, updates included.
      get patch() {
        return { Code: itemCode, Description: 'Changed' };
      },
      since: SINCE,
      missingId: MISSING,
    },
    payments: {
      create: () => ({
        Invoice: { InvoiceID: open.InvoiceID },
        Account: { Code: '090' },
        Amount: 1,
        Date: '2026-03-02',
      }),
      patch: {},
      since: SINCE,
      missingId: MISSING,
    },
  };
}

const headerOf = (x: Exchange, name: string) => x.requestHeaders[name];

describe('Xero connector against Xero’s published Accounting document', () => {
  it('every operation, 0 violations in requests and sandbox answers', async () => {
    const p = await plans();
    const r = await run(def(), p);
    // The only failures are the deliberate reads of an id no record has.
    expect(r.errors.filter((e) => !/^\w+\.get missing: .* HTTP 404 /.test(e))).toEqual([]);
    expect([...r.exercised].sort()).toEqual(declaredOperations(r.client, Object.keys(p)));
    expect(show(r.violations)).toBe('');
    const api = r.exchanges.filter((x) => x.url.startsWith('/api.xro/2.0/'));
    expect(api.length).toBeGreaterThan(20);
    expect(api.every((x) => headerOf(x, 'xero-tenant-id') === sb.credentials.accounting.tenantId)).toBe(true);
    // Paging walks page=1,2,… ; the incremental read is the If-Modified-Since header, not a parameter.
    expect(r.exchanges.map((x) => x.url)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/api\.xro\/2\.0\/Contacts\?pageSize=2&page=2$/),
        expect.stringMatching(/^\/api\.xro\/2\.0\/Contacts\?where=EmailAddress%3D%3D%22/),
      ]),
    );
    expect(api.some((x) => /^\d{4}-\d\d-\d\dT/.test(headerOf(x, 'if-modified-since') ?? ''))).toBe(true);
    const missing = r.exchanges.find((x) => x.url === `/api.xro/2.0/Invoices/${MISSING}`)!;
    expect([missing.status, missing.responseBody]).toEqual([404, "The resource you're looking for cannot be found"]);
  });
});

describe('the Xero contract fails when a request violates the document', () => {
  it('without the xero-tenant-id header every call is a violation', async () => {
    const d = structuredClone(def());
    delete d.headers;
    const p = await plans();
    const r = await run(d, { contacts: p.contacts! });
    expect(show(r.violations)).toMatch(
      /GET \/api\.xro\/2\.0\/Contacts\?pageSize=2&page=1: \/header must have required property 'xero-tenant-id'/,
    );
  });

  it('an incremental read through a made-up query parameter is a violation', async () => {
    const d = structuredClone(def());
    d.resources[0]!.operations.list!.incremental = { param: 'modifiedAfter', format: 'iso8601' };
    const p = await plans();
    const r = await run(d, { contacts: p.contacts! });
    expect(show(r.violations)).toMatch(/query must NOT have additional properties: "modifiedAfter"/);
  });

  it('a contact name sent as a number is a violation', async () => {
    const p = await plans();
    const r = await run(def(), { contacts: { ...p.contacts!, create: () => ({ Name: 42 }) } });
    expect(show(r.violations)).toMatch(
      /PUT \/api\.xro\/2\.0\/Contacts: \/requestBody\/Contacts\/0\/Name must be string/,
    );
  });
});
