import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinConnectors } from '../../../electron/core/connectors/catalog';
import { ConnectorClient } from '../../../electron/core/connectors/client';
import { AccountingSandbox, XERO_API } from '../../../electron/sandbox';
import { AppError } from '../../../shared/errors';
import { bearer } from '../connectors/test-appliers';

/**
 * The accounting sandbox behaves as Xero does where Xero's document is silent or where a client
 * depends on it: who may call (token, then the organisation in xero-tenant-id), the per-organisation
 * minute limit, the error bodies, and "changed since" through If-Modified-Since.
 */
const TOKEN = 'xero-sandbox-test-token';
const TENANT = '2b9c7bd1-8f43-4f1e-9d36-0f9c5c7b4a11';
let sb: AccountingSandbox;
let base: string;

beforeAll(async () => {
  sb = new AccountingSandbox({
    seed: 7,
    accessToken: TOKEN,
    tenantId: TENANT,
    tenantName: 'Demo Company (UK)',
    sizes: { contacts: 8, invoices: 6, items: 3 },
    limits: { perMinute: 5 },
  });
  base = await sb.start();
});
afterAll(() => sb?.stop());

const def = () => builtinConnectors().find((d) => d.id === 'accounting-xero')!;
const client = (settings: Record<string, string> = { tenantId: TENANT }, token = TOKEN) =>
  new ConnectorClient(def(), { baseUrl: `${base}${XERO_API}`, settings }, bearer(token), undefined, {
    rateLimits: { requestsPerSecond: 500, burst: 100, maxConcurrency: 4 },
    retry: { maxAttempts: 1 },
  });
const call = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, { headers: { authorization: `Bearer ${TOKEN}`, 'xero-tenant-id': TENANT, ...headers } });

describe('accounting sandbox (Xero)', () => {
  it('lists the organisation the token reaches, for the user to choose after sign-in', async () => {
    const c = client({});
    expect(await c.settingChoices()).toEqual({
      setting: 'tenantId',
      choices: [{ value: TENANT, label: 'Demo Company (UK)' }],
    });
    // Until the organisation is chosen, a call says which setting is missing instead of going out.
    await expect(c.get('contacts', TENANT)).rejects.toThrow(/needs the connection setting "Organisation/);
  });

  it('refuses a bad token with 401 and another organisation with 403, as problem JSON', async () => {
    sb.tenantLimiter.reset();
    const unauthorised = await call(`${XERO_API}/Contacts`, { authorization: 'Bearer nope' });
    expect([unauthorised.status, ((await unauthorised.json()) as { Detail: string }).Detail]).toEqual([
      401,
      'AuthenticationUnsuccessful',
    ]);
    const forbidden = await call(`${XERO_API}/Contacts`, { 'xero-tenant-id': '00000000-0000-4000-a000-000000000001' });
    expect([forbidden.status, ((await forbidden.json()) as { Title: string }).Title]).toEqual([403, 'Forbidden']);
  });

  it('counts calls per organisation: the sixth in a minute gets 429 with the window named', async () => {
    sb.tenantLimiter.reset();
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 6; i++) {
      last = await call(`${XERO_API}/Items`);
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect(last!.headers.get('x-rate-limit-problem')).toBe('minute');
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    sb.tenantLimiter.reset();
    const ok = await call(`${XERO_API}/Items`);
    expect(ok.headers.get('x-minlimit-remaining')).toBe('4');
    expect(ok.headers.get('x-daylimit-remaining')).toBe('4999');
  });

  it('answers a validation failure with its message inside Elements, which the client reports', async () => {
    sb.tenantLimiter.reset();
    const c = client();
    const [first] = (await c.listPages('contacts', { limit: 1 }).next()).value as Record<string, unknown>[];
    const err = await c.create('contacts', { Name: first!.Name }).catch((e: unknown) => e);
    expect(AppError.is(err)).toBe(true);
    expect((err as AppError).message).toMatch(/is already assigned to another contact/);
  });

  it('reads only what changed since a time through If-Modified-Since, timestamps as /Date(…)/', async () => {
    sb.tenantLimiter.reset();
    const c = client();
    const before = new Date();
    const all: Record<string, unknown>[] = [];
    for await (const page of c.listPages('contacts', { pageSize: 3 })) all.push(...page);
    expect(all).toHaveLength(8);
    expect(String(all[0]!.UpdatedDateUTC)).toMatch(/^\/Date\(\d+\+0000\)\/$/);
    await c.update('contacts', String(all[2]!.ContactID), { AccountNumber: 'CHANGED' });
    const changed: Record<string, unknown>[] = [];
    for await (const page of c.listPages('contacts', { since: new Date(before.getTime() - 1) })) changed.push(...page);
    expect(changed.map((r) => r.ContactID)).toEqual([all[2]!.ContactID]);
    expect(changed[0]!.AccountNumber).toBe('CHANGED');
  });

  it('finds a contact by e-mail through where, and answers 404 as plain text for an unknown id', async () => {
    sb.tenantLimiter.reset();
    const c = client();
    const [first] = (await c.listPages('contacts', { limit: 1 }).next()).value as Record<string, unknown>[];
    expect((await c.findBy('contacts', 'EmailAddress', String(first!.EmailAddress)))?.ContactID).toBe(first!.ContactID);
    expect(await c.findBy('contacts', 'EmailAddress', 'o"brien@example.com')).toBeNull();
    const missing = await call(`${XERO_API}/Invoices/00000000-0000-4000-a000-000000000000`);
    expect([missing.status, await missing.text()]).toEqual([404, "The resource you're looking for cannot be found"]);
  });
});
