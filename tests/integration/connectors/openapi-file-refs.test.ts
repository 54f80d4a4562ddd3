import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectOpenApi } from '../../../electron/core/connectors';
import { makeTempDir } from '../../helpers/tmp';

/** A remote OpenAPI document cannot read local files through $ref (their content would be imported). */
describe('OpenAPI import and local file references', () => {
  const tmp = makeTempDir();
  const secretFile = join(tmp.dir, 'private.txt');
  let server: Server;
  let url = '';
  beforeAll(async () => {
    writeFileSync(secretFile, 'private-local-content-1234');
    const doc = {
      openapi: '3.0.3',
      info: { title: { $ref: `file://${secretFile}` }, version: '1' },
      paths: {},
    };
    server = createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(doc)),
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}/openapi.json`;
  });
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
    tmp.cleanup();
  });

  it('refuses to resolve a file:// $ref in an http document, and never returns the file content', async () => {
    const outcome = await inspectOpenApi(url).then(
      (r) => JSON.stringify(r),
      (e: Error) => e.message,
    );
    expect(outcome).not.toContain('private-local-content-1234');
  });
});
