import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectorCatalog, memoryConnectorStore } from '../../../electron/core/connectors/catalog';
import type { RunPlan } from '../../../electron/core/sync/plan';
import { SyncRunner } from '../../../electron/core/sync/runner';
import { openStateDb } from '../../../electron/core/sync/state-db';
import { SyncStateStore } from '../../../electron/core/sync/state-store';
import { searchRecipeFor } from '../../../electron/core/sync/search-recipes';
import { diffPayload } from '../../../shared/mapping';
import type { MappingInput } from '../../../shared/models/mapping';
import { SyncDefinition } from '../../../shared/models/sync';
import { makeTempDir } from '../../helpers/tmp';
import { testConnection } from '../../helpers/demo-plan';

interface Contact {
  id: string;
  properties: Record<string, string>;
}
interface Received {
  method: string;
  path: string;
  body: unknown;
}

/** A HubSpot-compatible contacts API (list, read by email, create, PATCH) that records every request. */
async function startContactsApi(contacts: Contact[]) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const text = Buffer.concat(chunks).toString('utf8');
      received.push({ method: req.method ?? '', path: url.pathname, body: text ? JSON.parse(text) : null });
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      const base = '/crm/v3/objects/contacts';
      const tail = decodeURIComponent(url.pathname.slice(base.length + 1));
      if (req.method === 'GET' && url.pathname === base) return reply(200, { results: contacts });
      if (req.method === 'GET' && url.searchParams.get('idProperty') === 'email') {
        const hit = contacts.find((c) => c.properties.email === tail);
        return hit ? reply(200, hit) : reply(404, { status: 'error', message: 'Object not found' });
      }
      if (req.method === 'PATCH') {
        const hit = contacts.find((c) => c.id === tail);
        if (!hit) return reply(404, { status: 'error', message: 'Object not found' });
        Object.assign(hit.properties, (JSON.parse(text) as Contact).properties);
        return reply(200, hit);
      }
      if (req.method === 'POST' && url.pathname === base) {
        const created = { id: String(contacts.length + 1000), properties: (JSON.parse(text) as Contact).properties };
        contacts.push(created);
        return reply(201, created);
      }
      reply(404, { status: 'error', message: `no route ${req.method} ${url.pathname}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    patches: () => received.filter((r) => r.method === 'PATCH'),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const copy = (id: string, field: string, onlyWhenChanged?: boolean) => ({
  id,
  target: field,
  sources: [field],
  transforms: [],
  ...(onlyWhenChanged ? { onlyWhenChanged } : {}),
});

const mapping: MappingInput = {
  id: 'm-crm-to-crm',
  name: 'CRM → CRM',
  version: 1,
  source: { connectionId: 'source', resource: 'contacts' },
  target: { connectionId: 'target', resource: 'contacts' },
  matchKey: { sourceRule: 'r-email', targetField: 'email', normalization: 'email' },
  unmappedRequired: 'error',
  updatedAt: '2024-06-11T00:00:00.000Z',
  rules: [
    copy('r-email', 'email', true),
    copy('r-first', 'firstname', true),
    copy('r-last', 'lastname'),
    copy('r-company', 'company', true),
  ],
};

const closers: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

describe('a rule marked "only when changed" in a real sync', () => {
  it('leaves the field out of the PATCH when the target already holds the value, as the preview says', async () => {
    const ada: Contact = {
      id: '1',
      properties: { email: 'ada@example.com', firstname: 'Ada', lastname: 'Lovelace', company: 'Engines' },
    };
    const source = await startContactsApi([ada]);
    closers.push(source.close);
    const target = await startContactsApi([
      { id: 't-9', properties: { email: 'ada@example.com', firstname: 'Ada', lastname: 'Lovelace', company: 'Looms' } },
    ]);
    closers.push(target.close);
    const tmp = makeTempDir('patchbay-owc-');
    closers.push(tmp.cleanup);
    const db = openStateDb(join(tmp.dir, 'state.db'));
    closers.push(() => void db.close());
    const runner = new SyncRunner({ dbPath: join(tmp.dir, 'state.db'), store: new SyncStateStore(db) });
    closers.push(() => runner.close());

    const catalog = await ConnectorCatalog.open(memoryConnectorStore());
    const crm = catalog.get('crm-hubspot');
    const fields = crm.resources.find((r) => r.name === 'contacts')!.fields;
    const plan: RunPlan = {
      definition: SyncDefinition.parse({ id: 'owc', name: 'only when changed', mappingId: mapping.id }),
      mapping,
      sourceSchema: fields,
      targetSchema: fields,
      source: {
        kind: 'connector',
        definition: crm,
        connection: testConnection('source', 'crm-hubspot', source.url),
        secrets: { token: 'source-token' },
        resource: 'contacts',
        fields: ['email', 'firstname', 'lastname', 'company'],
      },
      target: {
        kind: 'connector',
        definition: crm,
        connection: testConnection('target', 'crm-hubspot', target.url),
        secrets: { token: 'target-token' },
        resource: 'contacts',
        search: searchRecipeFor('crm-hubspot', 'contacts', 'email'),
      },
    };

    const first = await runner.start(plan).done;
    expect(first.error).toBeNull();
    expect(first.counters.updated).toBe(1);
    // company changed (sent); lastname has no "only when changed" (sent again, some APIs replace what they get);
    // email and firstname are flagged and equal (left out).
    expect(target.patches()).toEqual([
      {
        method: 'PATCH',
        path: '/crm/v3/objects/contacts/t-9',
        body: { properties: { lastname: 'Lovelace', company: 'Engines' } },
      },
    ]);
    // The preview's diff over the same values promises exactly that patch.
    const promised = diffPayload(
      { email: 'ada@example.com', firstname: 'Ada', lastname: 'Lovelace', company: 'Engines' },
      { email: 'ada@example.com', firstname: 'Ada', lastname: 'Lovelace', company: 'Looms' },
      { onlyWhenChanged: ['email', 'firstname', 'company'] },
    );
    expect({ properties: promised.patch }).toEqual(target.patches()[0]!.body);

    // The next run compares with what the sync wrote: a change of firstname alone sends firstname (changed)
    // and lastname (unflagged), never the flagged, unchanged company.
    ada.properties.firstname = 'Augusta';
    const second = await runner.start(plan).done;
    expect(second.error).toBeNull();
    expect(second.counters.updated).toBe(1);
    expect(target.patches()[1]?.body).toEqual({ properties: { firstname: 'Augusta', lastname: 'Lovelace' } });
  });
});
