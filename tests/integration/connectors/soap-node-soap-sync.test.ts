import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import * as soap from 'soap';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../electron/sandbox';
import type { SyncRun } from '../../../shared/models/sync';
import { FIXTURE_DIR } from '../../conformance/soap-corpus';
import { makeTestCore, type TestCore } from '../../helpers/core';

/**
 * A real SOAP server (node-soap's, on 127.0.0.1) built from a corpus WSDL, requiring WS-Security
 * UsernameToken with PasswordDigest; Patchbay imports the same WSDL and syncs CRM contacts into it.
 */
const CASE = join(FIXTURE_DIR, 'execFile__add_default_namespace_prefix');
const WSDL = readFileSync(join(CASE, 'soap.wsdl'), 'utf8');
const USER = 'sync-user';
const PASSWORD = 'digest-only-p4ss';

describe('sync into a node-soap server built from a corpus WSDL, WS-Security digest required', () => {
  let http: Server;
  let url: string;
  let sandbox: Sandbox;
  let t: TestCore;
  const received: { args: Record<string, unknown>; passwordType: string }[] = [];
  const rejected: string[] = [];
  const finished: SyncRun[] = [];

  beforeAll(async () => {
    http = createServer();
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(http.address() as { port: number }).port}`;
    const server = soap.listen(
      http,
      '/FileExecutor',
      {
        FileExecutorService: {
          FileExecutorPortType: {
            execFile: (args: Record<string, unknown>, _cb: unknown, headers: { Security?: unknown }) => {
              const token = (headers?.Security as { UsernameToken?: { Password?: { attributes?: { Type?: string } } } })
                ?.UsernameToken;
              received.push({ args, passwordType: token?.Password?.attributes?.Type ?? '' });
              return { base64EncodedStdOut: Buffer.from(String(args.fileName)).toString('base64') };
            },
          },
        },
      },
      WSDL,
    );
    // Digest = Base64(SHA-1(nonce + created + password)): the server recomputes it with the shared password.
    server.authenticate = (security: unknown) => {
      // node-soap gives an element with attributes as {$value, attributes} and a bare one as its text.
      type Element = string | { $value?: string; attributes?: Record<string, string> };
      const tok = (security as { UsernameToken?: Record<string, Element | undefined> } | undefined)?.UsernameToken;
      const text = (e: Element | undefined) => (typeof e === 'string' ? e : e?.$value);
      const password = tok?.Password;
      const type = (typeof password === 'object' ? password.attributes?.Type : undefined) ?? '';
      const nonce = text(tok?.Nonce) ?? '';
      const created = text(tok?.Created) ?? '';
      const ok =
        type.endsWith('#PasswordDigest') &&
        text(tok?.Username) === USER &&
        text(password) === soap.passwordDigest(nonce, created, PASSWORD);
      if (!ok) rejected.push(type || 'no token');
      return ok;
    };
    sandbox = await startSandbox({ rateLimits: false, sizes: { contacts: 12, customers: 1, companies: 1 } });
    t = await makeTestCore();
    t.core.events.on('sync:finished', (r) => finished.push(r));
  });
  afterAll(async () => {
    await t?.close();
    await sandbox?.stop();
    await new Promise((r) => http?.close(r));
  });

  it('imports the WSDL, writes every contact once with a verified digest, and logs the redacted header', async () => {
    const def = await t.call('connectors:importWsdl', {
      source: join(CASE, 'soap.wsdl'),
      id: 'file-executor',
      name: 'File executor',
      baseUrl: url,
      resources: [{ name: 'files', operations: { create: 'execFile' }, primaryKey: 'fileName' }],
    });
    expect(def.resources[0]!.fields.map((f) => [f.name, f.type, f.required])).toEqual([
      ['fileName', 'string', true],
      ['arguments', 'array', false],
      ['base64EncodedStdIn', 'string', true],
      ['startDetached', 'boolean', true],
    ]);
    // The endpoint path comes from the WSDL address (/); this server listens on /FileExecutor.
    const crm = await t.call('connections:create', {
      name: 'CRM',
      connectorId: 'crm-hubspot',
      baseUrl: sandbox.urls.crm,
      authKind: 'bearer',
      authSettings: {},
      secrets: { token: sandbox.credentials.crm.accessToken },
    });
    const target = await t.call('connections:create', {
      name: 'Files',
      connectorId: 'file-executor',
      baseUrl: `${url}/FileExecutor`,
      authKind: 'wsse',
      authSettings: { username: USER, passwordType: 'PasswordDigest' },
      secrets: { password: PASSWORD },
    });
    const saved = await t.call('mappings:save', {
      name: 'Contacts → files',
      source: { connectionId: crm.id, resource: 'contacts' },
      target: { connectionId: target.id, resource: 'files' },
      rules: [
        { id: 'f', target: 'fileName', sources: ['email'], transforms: [{ kind: 'trim' }] },
        { id: 'i', target: 'base64EncodedStdIn', sources: [], transforms: [{ kind: 'constant', value: 'dGVzdA==' }] },
        { id: 'd', target: 'startDetached', sources: [], transforms: [{ kind: 'constant', value: true }] },
      ],
      matchKey: null,
    });
    const sync = await t.call('syncs:save', {
      name: 'Contacts → files',
      mappingId: saved.mapping.id,
      writeStrategy: 'create_only',
    });
    const { runId } = await t.call('syncs:run', { id: sync.id, dryRun: false });
    await expect.poll(() => finished.some((r) => r.id === runId), { timeout: 60_000, interval: 50 }).toBe(true);
    const run = finished.find((r) => r.id === runId)!;
    expect(run.status, JSON.stringify(run)).toBe('succeeded');
    expect(rejected).toEqual([]);
    expect(received).toHaveLength(12);
    expect(run.counters.created).toBe(12);
    expect(received.every((r) => r.passwordType.endsWith('#PasswordDigest'))).toBe(true);
    expect(new Set(received.map((r) => r.args.fileName)).size).toBe(12);
    expect(received[0]!.args).toMatchObject({ base64EncodedStdIn: 'dGVzdA==', startDetached: true });

    const calls = await t.call('logs:query', { runId, limit: 100 });
    const write = calls.items.find((c) => c.operation === 'create' || c.operation === 'execFile');
    expect(write?.requestBody).toContain('<wsse:UsernameToken>');
    expect(write?.requestBody).toMatch(/<wsse:Password [^>]*>\[redacted\]</i);
    expect(write?.requestBody).toMatch(/<wsse:Nonce [^>]*>\[redacted\]</i);
    expect(JSON.stringify(calls)).not.toContain(PASSWORD);
  });

  it('a wrong password is refused by the server and surfaces as a typed auth error', async () => {
    const bad = await t.call('connections:create', {
      name: 'Files (wrong password)',
      connectorId: 'file-executor',
      baseUrl: `${url}/FileExecutor`,
      authKind: 'wsse',
      authSettings: { username: USER, passwordType: 'PasswordDigest' },
      secrets: { password: 'not-the-password' },
    });
    const client = await t.core.clients.forConnection(bad.id);
    const err = await client
      .create('files', { fileName: 'x', base64EncodedStdIn: 'eA==', startDetached: false })
      .catch((e: unknown) => e);
    // node-soap answers a failed WS-Security check with HTTP 401 (no envelope): the runtime's typed auth error.
    expect(err).toMatchObject({ code: 'auth_failed', details: { operation: 'execFile' } });
    expect(rejected.length).toBeGreaterThan(0);
  });
});
