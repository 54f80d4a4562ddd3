import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors';
import type { AuthApplier } from '../../../electron/core/auth/types';
import { ConnectorClient } from '../../../electron/core/connectors/client';
import { ConnectorCatalog, memoryConnectorStore } from '../../../electron/core/connectors/catalog';
import { importOpenApi, inspectOpenApi } from '../../../electron/core/connectors/openapi';
import { startPetstore } from '../../helpers/openapi-petstore-server';

const FIXTURE = join(import.meta.dirname, '../../fixtures/openapi/petstore3.yaml');
const KEY = 'special-key-0123456789';

let petstore: Awaited<ReturnType<typeof startPetstore>>;
beforeAll(async () => {
  petstore = await startPetstore({ apiKey: KEY, pets: 30 });
});
afterAll(() => petstore.close());

/** The apiKey scheme of the document: header `api_key`. */
const apiKeyHeader: AuthApplier = {
  apply: async (req) => {
    req.headers.api_key = KEY;
  },
  secretValues: () => [KEY],
};

const petResource = {
  name: 'pets',
  operations: { list: 'findPetsByStatus', get: 'getPetById', create: 'addPet', delete: 'deletePet' },
  query: { status: 'available' },
};

describe('OpenAPI 3 import (Swagger Petstore fixture)', () => {
  it('lists operations with roles, and a list with no paging parameter as one answer', async () => {
    const { title, operations } = await inspectOpenApi(FIXTURE);
    expect(title).toBe('Swagger Petstore - OpenAPI 3.0');
    expect(operations).toHaveLength(19);
    const byId = Object.fromEntries(operations.map((o) => [o.id, o]));
    expect(byId.findPetsByStatus).toMatchObject({
      role: 'list',
      resource: 'pet',
      recordSelector: '',
      pagination: { known: true, pagination: { style: 'none' } },
    });
    expect((byId.findPetsByStatus.pagination as { reason: string }).reason).toContain('no paging parameter');
    // PUT to the collection replaces a pet here (updatePet); POST adds one.
    expect(byId.updatePet.role).toBe('other');
    expect(byId.getPetById).toMatchObject({ role: 'get', method: 'GET', path: '/pet/{petId}' });
    expect(byId.addPet.role).toBe('create');
    expect(byId.deletePet.role).toBe('delete');
  });

  it('builds the list resource without asking when the document has no paging for it', async () => {
    const def = await importOpenApi(FIXTURE, {
      id: 'petstore',
      name: 'Petstore',
      baseUrl: `${petstore.url}/api/v3`,
      resources: [petResource],
    });
    expect(def.resources[0]!.operations.list?.pagination).toEqual({ style: 'none' });
  });

  it('produces a working Generic REST connector with field schemas, run against a Petstore server', async () => {
    const def = await importOpenApi(FIXTURE, {
      id: 'petstore',
      name: 'Petstore',
      baseUrl: `${petstore.url}/api/v3`,
      resources: [{ ...petResource, pagination: { style: 'none' } }],
    });
    expect(def.source).toBe('openapi');
    expect(def.authKinds).toEqual(expect.arrayContaining(['api_key_header', 'bearer']));
    const pets = def.resources[0]!;
    expect(pets.primaryKey).toBe('id');
    expect(pets.operations.get?.path).toBe('/pet/{id}');
    const fields = Object.fromEntries(pets.fields.map((f) => [f.name, f]));
    expect(fields.name).toMatchObject({ type: 'string', required: true });
    expect(fields.photoUrls).toMatchObject({ type: 'array', required: true });
    expect(fields.status?.enum).toEqual(['available', 'pending', 'sold']);
    expect(fields.category_name).toMatchObject({ type: 'string', path: 'category.name' });

    // persisted through the catalog like any imported connector
    const store = memoryConnectorStore();
    const catalog = await ConnectorCatalog.open(store);
    await catalog.add(def);
    expect(store.saved.map((d) => d.id)).toEqual(['petstore']);

    const client = new ConnectorClient(catalog.get('petstore'), { baseUrl: `${petstore.url}/api/v3` }, apiKeyHeader);
    const available: unknown[] = [];
    for await (const p of client.list('pets')) available.push(p);
    expect(available).toHaveLength([...petstore.pets.values()].filter((p) => p.status === 'available').length);

    const created = await client.create('pets', {
      name: 'Rex',
      photoUrls: ['https://example.com/rex.jpg'],
      status: 'available',
    });
    expect(created).toMatchObject({ name: 'Rex' });
    expect(await client.get('pets', String(created.id))).toMatchObject({ id: created.id, name: 'Rex' });
    await client.delete('pets', String(created.id));
    const gone = (await client.get('pets', String(created.id)).catch((e) => e)) as AppError;
    expect(gone.code).toBe('not_found');
    expect(gone.message).toContain('Pet not found');
    expect(petstore.requests.every((r) => r.apiKey === KEY)).toBe(true);
    expect((await client.testConnection()).ok).toBe(true);
  });

  it('refuses Swagger 2.0 with the way to convert it', async () => {
    const err = (await inspectOpenApi(join(import.meta.dirname, '../../fixtures/openapi/swagger2-minimal.json')).catch(
      (e) => e,
    )) as AppError;
    expect(err.code).toBe('invalid_openapi');
    expect(err.message).toMatch(/Swagger 2\.0 .*convert/i);
  });

  it('reports an unreachable document as invalid_openapi', async () => {
    const err = (await inspectOpenApi('http://127.0.0.1:1/openapi.json').catch((e) => e)) as AppError;
    expect(err.code).toBe('invalid_openapi');
    const missing = (await inspectOpenApi('/nonexistent/openapi.yaml').catch((e) => e)) as AppError;
    expect(missing.code).toBe('invalid_openapi');
  });

  it('imports from a URL, resolving the relative server against it', async () => {
    const { createServer } = await import('node:http');
    const { readFileSync } = await import('node:fs');
    const s = createServer((_q, r) => r.end(readFileSync(FIXTURE))).listen(0, '127.0.0.1');
    await new Promise((r) => s.once('listening', r));
    const port = (s.address() as { port: number }).port;
    try {
      const def = await importOpenApi(`http://127.0.0.1:${port}/openapi.yaml`, {
        id: 'petstore-url',
        name: 'Petstore',
        resources: [{ ...petResource, pagination: { style: 'none' } }],
      });
      expect(def.baseUrlTemplate).toBe(`http://127.0.0.1:${port}/api/v3`);
    } finally {
      s.close();
    }
  });
});
