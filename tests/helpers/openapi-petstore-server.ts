import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Pet {
  id: number;
  name: string;
  category?: { id: number; name: string };
  photoUrls: string[];
  tags?: { id: number; name: string }[];
  status?: 'available' | 'pending' | 'sold';
}

/**
 * A small server that behaves like the Swagger Petstore (OpenAPI 3 edition, /api/v3) described by
 * tests/fixtures/openapi/petstore3.yaml: pets by status, by id, add, update, delete, and the store
 * inventory. Every call needs the `api_key` header (the document's apiKey scheme).
 */
export async function startPetstore(opts: { apiKey: string; pets?: number } = { apiKey: 'special-key' }): Promise<{
  url: string;
  pets: Map<number, Pet>;
  requests: { method: string; url: string; apiKey?: string }[];
  close: () => Promise<void>;
}> {
  const pets = new Map<number, Pet>();
  const statuses = ['available', 'pending', 'sold'] as const;
  for (let i = 1; i <= (opts.pets ?? 30); i++) {
    pets.set(i, {
      id: i,
      name: `doggie-${i}`,
      category: { id: 1 + (i % 3), name: ['Dogs', 'Cats', 'Birds'][i % 3]! },
      photoUrls: [`https://example.com/p/${i}.jpg`],
      tags: [{ id: i, name: `tag${i % 4}` }],
      status: statuses[i % 3],
    });
  }
  const requests: { method: string; url: string; apiKey?: string }[] = [];
  let nextId = 1000;
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://x');
    requests.push({ method: req.method ?? '', url: req.url ?? '', apiKey: req.headers.api_key as string | undefined });
    const send = (status: number, body: unknown) => {
      const out = typeof body === 'string' ? body : JSON.stringify(body);
      res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json' });
      res.end(out);
    };
    if (req.headers.api_key !== opts.apiKey)
      return send(401, { code: 401, type: 'error', message: 'Unauthorized: missing or invalid api_key' });
    const path = url.pathname.replace(/^\/api\/v3/, '');
    const byId = /^\/pet\/(\d+)$/.exec(path);
    if (req.method === 'GET' && path === '/pet/findByStatus') {
      const status = url.searchParams.get('status') ?? 'available';
      if (!statuses.includes(status as Pet['status'] & string)) return send(400, 'Invalid status value');
      return send(
        200,
        [...pets.values()].filter((p) => p.status === status),
      );
    }
    if (req.method === 'GET' && byId) {
      const pet = pets.get(Number(byId[1]));
      return pet ? send(200, pet) : send(404, 'Pet not found');
    }
    if (req.method === 'DELETE' && byId) {
      if (!pets.delete(Number(byId[1]))) return send(400, 'Invalid pet value');
      return send(200, '');
    }
    if ((req.method === 'POST' || req.method === 'PUT') && path === '/pet') {
      let pet: Pet;
      try {
        pet = JSON.parse(text) as Pet;
      } catch {
        return send(405, 'Validation exception');
      }
      if (!pet.name || !Array.isArray(pet.photoUrls)) return send(405, 'Validation exception');
      if (req.method === 'PUT' && !pets.has(pet.id)) return send(404, 'Pet not found');
      if (req.method === 'POST') pet.id = pet.id && !pets.has(pet.id) ? pet.id : nextId++;
      pets.set(pet.id, pet);
      return send(200, pet);
    }
    if (req.method === 'GET' && path === '/store/inventory') {
      const inv: Record<string, number> = {};
      for (const p of pets.values()) inv[p.status ?? 'unknown'] = (inv[p.status ?? 'unknown'] ?? 0) + 1;
      return send(200, inv);
    }
    send(404, { code: 404, type: 'unknown', message: `no route ${req.method} ${url.pathname}` });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    pets,
    requests,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
