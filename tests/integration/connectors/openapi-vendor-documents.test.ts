import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectorClient } from '../../../electron/core/connectors/client';
import { buildDefinition, inspectOpenApi } from '../../../electron/core/connectors/openapi';
import { defaultResourceChoices } from '../../../electron/core/connectors/openapi/default-choices';
import { startSandbox, type Sandbox } from '../../../electron/sandbox';
import { AppError } from '../../../shared/errors';
import { vendorDocumentPath } from '../../helpers/contracts/vendor-documents';
import { makeTempDir } from '../../helpers/tmp';
import { bearer } from './test-appliers';

/**
 * The OpenAPI importer on the vendors' own documents (the full ones from ../shared when present,
 * else the committed extracts): resources named as the vendor names them, paging recognised from
 * the document, path parameters and required headers as connection settings. Each imported
 * definition then pages through a server that follows the same document.
 */
const FAST = { rateLimits: { requestsPerSecond: 500, burst: 100, maxConcurrency: 4 } };
let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ sizes: { customers: 30, accountingContacts: 14 }, rateLimits: false });
}, 60_000);
afterAll(() => sb?.stop());

async function importVendor(name: Parameters<typeof vendorDocumentPath>[0], only: string[]) {
  const { path, full } = vendorDocumentPath(name);
  const inspection = await inspectOpenApi(path);
  const def = buildDefinition(inspection.doc, {
    id: `imported-${name}`,
    name,
    resources: defaultResourceChoices(inspection.operations, { only }),
  });
  return { inspection, def, full };
}

async function collect(client: ConnectorClient, resource: string, opts: { pageSize: number; limit: number }) {
  const pages: number[] = [];
  for await (const page of client.listPages(resource, opts)) pages.push(page.length);
  return pages;
}

describe('OpenAPI import of the vendors’ documents', () => {
  it('Stripe: one resource per collection, paging with starting_after while has_more', async () => {
    const { inspection, def, full } = await importVendor('stripe', ['customers', 'invoices']);
    const lists = inspection.operations.filter((o) => o.role === 'list');
    const resources = new Set(lists.map((o) => o.resource));
    expect([...resources]).toEqual(expect.arrayContaining(['customers', 'invoices']));
    expect(resources.has('v1')).toBe(false);
    expect(resources.has('search')).toBe(false);
    if (full) expect(resources.size).toBeGreaterThan(90);
    const customers = def.resources.find((r) => r.name === 'customers')!;
    expect(customers.label).toBe('Customers');
    expect(customers.operations.list).toMatchObject({
      path: '/v1/customers',
      recordSelector: 'data',
      pagination: { style: 'id_cursor', param: 'starting_after', hasMorePath: 'has_more' },
      pageSizeParam: 'limit',
    });
    // Stripe updates with POST to the item, form-encoded.
    expect(customers.operations.update).toMatchObject({
      method: 'POST',
      path: '/v1/customers/{id}',
      bodyEncoding: 'form',
    });
    expect(customers.fields.map((f) => f.name)).toEqual(expect.arrayContaining(['id', 'email', 'address_city']));
    expect(def.authKinds).toEqual(expect.arrayContaining(['basic', 'bearer']));

    const client = new ConnectorClient(
      def,
      { baseUrl: sb.urls.billing },
      bearer(sb.credentials.billing.secretKey),
      undefined,
      FAST,
    );
    expect(await collect(client, 'customers', { pageSize: 5, limit: 12 })).toEqual([5, 5, 2]);
    const log = sb.servers.billing.log
      .all()
      .map((e) => e.path)
      .filter((p) => p.startsWith('/v1/customers?'));
    expect(log.slice(-3).every((p) => p.includes('limit=5'))).toBe(true);
    expect(log.slice(-2).every((p) => /starting_after=cus_/.test(p))).toBe(true);
  });

  it('Xero: Contacts with the tenant header as a setting, page paging, records wrapped in their list', async () => {
    const { inspection, def } = await importVendor('xero-accounting', ['contacts', 'invoices']);
    // The document puts a `type` beside a `$ref`: named by its pointer and ignored, not a failed import.
    expect(inspection.problems).toContainEqual(
      expect.objectContaining({
        pointer: '/components/schemas/Contact/properties/DefaultCurrency',
        outcome: 'ignored',
      }),
    );
    expect(def.settings).toEqual([{ name: 'xeroTenantId', label: 'xero-tenant-id', required: true }]);
    expect(def.headers).toEqual({ 'xero-tenant-id': '{xeroTenantId}' });
    expect(def.oauth2).toMatchObject({ tokenUrl: 'https://identity.xero.com/connect/token' });
    expect(def.authKinds).toEqual(['oauth2_authorization_code']);
    const contacts = def.resources.find((r) => r.name === 'contacts')!;
    expect([contacts.label, contacts.primaryKey]).toEqual(['Contacts', 'ContactID']);
    expect(contacts.operations.list).toMatchObject({
      path: '/Contacts',
      recordSelector: 'Contacts',
      pagination: { style: 'page_number', pageParam: 'page', sizeParam: 'pageSize', firstPage: 1 },
    });
    expect(contacts.operations.get).toMatchObject({ path: '/Contacts/{id}', recordSelector: 'Contacts' });
    expect(contacts.operations.create).toMatchObject({ method: 'PUT', body: { listKey: 'Contacts' } });

    const client = new ConnectorClient(
      def,
      { baseUrl: sb.endpoints.accountingApi, settings: { xeroTenantId: sb.credentials.accounting.tenantId } },
      bearer(sb.credentials.accounting.accessToken),
      undefined,
      FAST,
    );
    expect(await collect(client, 'contacts', { pageSize: 5, limit: 14 })).toEqual([5, 5, 4]);
    const created = await client.create('contacts', { Name: 'Imported Ada', EmailAddress: 'ada@example.com' });
    expect((await client.get('contacts', String(created.ContactID))).Name).toBe('Imported Ada');
  });

  it('HubSpot: record values are a free-form map, so the fields come from sample records', async () => {
    const { def } = await importVendor('hubspot-contacts', ['contacts']);
    const contacts = def.resources.find((r) => r.name === 'contacts')!;
    expect(contacts.operations.list?.pagination).toEqual({
      style: 'cursor_in_body',
      cursorPath: 'paging.next.after',
      param: 'after',
    });
    expect(contacts.discovery).toMatchObject({ samples: 20, pathPrefix: 'properties.', wire: 'string' });
    const client = new ConnectorClient(
      def,
      { baseUrl: sb.urls.crm },
      bearer(sb.credentials.crm.accessToken),
      undefined,
      FAST,
    );
    const fields = await client.discoverFields('contacts');
    expect(fields.find((f) => f.name === 'email')).toMatchObject({
      type: 'string',
      path: 'properties.email',
      wire: 'string',
    });
    // The envelope's own fields stay as the document declares them.
    expect(fields.find((f) => f.name === 'id')?.path).toBeUndefined();
  });

  it('a Twilio-like document: next_page_uri paging, {AccountSid} as a setting, .json item paths', async () => {
    const doc = join(import.meta.dirname, '../../fixtures/openapi/twilio-like.openapi.json');
    const inspection = await inspectOpenApi(doc);
    const def = buildDefinition(inspection.doc, {
      id: 'messaging',
      name: 'Messaging',
      resources: defaultResourceChoices(inspection.operations),
    });
    expect(def.settings).toEqual([{ name: 'AccountSid', label: 'AccountSid', required: true }]);
    expect(def.authKinds).toEqual(['basic']);
    const messages = def.resources[0]!;
    expect([messages.name, messages.label, messages.primaryKey]).toEqual(['messages', 'Messages', 'sid']);
    expect(messages.operations.list).toMatchObject({
      path: '/2010-04-01/Accounts/{AccountSid}/Messages.json',
      recordSelector: 'messages',
      pagination: { style: 'next_url', path: 'next_page_uri' },
      pageSizeParam: 'PageSize',
    });
    expect(messages.operations.get?.path).toBe('/2010-04-01/Accounts/{AccountSid}/Messages/{id}.json');
    expect(messages.operations.update?.method).toBe('POST');

    const seen: string[] = [];
    const server: Server = createServer((req, res) => {
      seen.push(req.url!);
      const u = new URL(req.url!, 'http://x');
      const page = Number(u.searchParams.get('Page') ?? 0);
      const size = Number(u.searchParams.get('PageSize') ?? 50);
      const base = '/2010-04-01/Accounts/ACtest/Messages.json';
      const all = Array.from({ length: 7 }, (_, i) => ({ sid: `SM${String(i).padStart(32, '0')}`, body: `m${i}` }));
      const slice = all.slice(page * size, (page + 1) * size);
      const next =
        (page + 1) * size < all.length ? `${base}?PageSize=${size}&Page=${page + 1}&PageToken=PA${page + 1}` : null;
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ messages: slice, next_page_uri: next, page, page_size: size }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
      const client = new ConnectorClient(
        def,
        { baseUrl: url, settings: { AccountSid: 'ACtest' } },
        bearer('unused'),
        undefined,
        FAST,
      );
      expect(await collect(client, 'messages', { pageSize: 3, limit: 100 })).toEqual([3, 3, 1]);
      expect(seen).toEqual([
        '/2010-04-01/Accounts/ACtest/Messages.json?PageSize=3',
        '/2010-04-01/Accounts/ACtest/Messages.json?PageSize=3&Page=1&PageToken=PA1',
        '/2010-04-01/Accounts/ACtest/Messages.json?PageSize=3&Page=2&PageToken=PA2',
      ]);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});

describe('OpenAPI import of documents with broken parts', () => {
  const tmp = makeTempDir();
  afterAll(() => tmp.cleanup());
  const write = async (name: string, doc: unknown) => {
    const { writeFileSync } = await import('node:fs');
    const path = join(tmp.dir, name);
    writeFileSync(path, JSON.stringify(doc));
    return path;
  };
  const list = (extra: Record<string, unknown> = {}) => ({
    operationId: 'listThings',
    parameters: [{ name: 'page', in: 'query', schema: { type: 'integer' } }],
    responses: {
      '200': {
        description: 'ok',
        content: {
          'application/json': {
            schema: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' } } } },
          },
        },
      },
    },
    ...extra,
  });

  it('leaves out an operation the OpenAPI schema rejects and names it by its JSON pointer', async () => {
    const path = await write('bad-op.json', {
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      paths: {
        '/things': { get: list() },
        '/others': {
          get: { ...list({ operationId: 'listOthers' }), parameters: [{ name: 'page', schema: { type: 'integer' } }] },
        },
      },
    });
    const r = await inspectOpenApi(path);
    expect(r.operations.map((o) => o.id)).toEqual(['listThings']);
    expect(r.problems).toEqual([
      expect.objectContaining({
        pointer: '#/paths/~1others/get',
        outcome: 'skipped',
        message: expect.stringContaining('#/paths/~1others/get/parameters/0'),
      }),
    ]);
  });

  it('leaves out an operation whose $ref points at nothing, naming where the reference was written', async () => {
    const path = await write('bad-ref.json', {
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      paths: {
        '/things': { get: list() },
        '/others': {
          get: list({ operationId: 'listOthers', responses: { '200': { $ref: '#/components/responses/Gone' } } }),
        },
      },
    });
    const r = await inspectOpenApi(path);
    expect(r.operations.map((o) => o.id)).toEqual(['listThings']);
    expect(r.problems).toContainEqual(
      expect.objectContaining({ pointer: '/paths/~1others/get/responses/200', outcome: 'unresolved' }),
    );
  });

  it('fails with the pointer when the broken part is outside paths', async () => {
    const path = await write('no-info.json', { openapi: '3.0.3', info: { title: 't' }, paths: {} });
    const err = (await inspectOpenApi(path).catch((e: unknown) => e)) as AppError;
    expect(err.code).toBe('invalid_openapi');
    expect(err.message).toMatch(/at #\/info must have required property 'version'/);
    expect(err.details).toMatchObject({ pointer: '#/info' });
  });

  it('still asks for the pagination when the document is unsure (a cursor parameter, no next cursor)', async () => {
    const path = await write('unsure.json', {
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      paths: {
        '/things': { get: list({ parameters: [{ name: 'cursor', in: 'query', schema: { type: 'string' } }] }) },
      },
    });
    const r = await inspectOpenApi(path);
    expect(r.operations[0]!.pagination).toMatchObject({
      known: false,
      reason: expect.stringContaining('"cursor" parameter'),
    });
  });
});
