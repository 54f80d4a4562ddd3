import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openConfStore } from '../../../electron/core/settings/open-conf';
import type { KeyValueStore } from '../../../electron/core/settings/store';
import { AppError } from '../../../shared/errors';
import { makeTestCore, type TestCore } from '../../helpers/core';
import { makeTempDir } from '../../helpers/tmp';

const CRM = `patchbay: 1
kind: connection
id: crm
name: Acme CRM
connectorId: crm-hubspot
baseUrl: https://crm.example.test
authKind: bearer
secrets: [token]
`;
const BILLING = CRM.replace('id: crm', 'id: billing')
  .replace('Acme CRM', 'Acme billing')
  .replace('crm-hubspot', 'billing-stripe')
  .replace('crm.example.test', 'billing.example.test');
const MAPPING = `patchbay: 1
kind: mapping
id: contacts-to-customers
name: Contacts to customers
source: { connectionId: crm, resource: contacts }
target: { connectionId: billing, resource: customers }
rules:
  - id: r-email
    target: email
    sources: [email]
`;
const SYNC = `patchbay: 1
kind: sync
id: nightly
name: Nightly
mappingId: contacts-to-customers
schedule: { cron: "0 2 * * *" }
`;

function folder(files: Record<string, string>) {
  const tmp = makeTempDir('patchbay-ws-apply-');
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(tmp.dir, rel, '..'), { recursive: true });
    writeFileSync(join(tmp.dir, rel), text);
  }
  return tmp;
}

async function failure(p: Promise<unknown>): Promise<AppError> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('workspace apply against a real core', () => {
  const cleanups: (() => void | Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });
  const track = <T extends { cleanup(): void } | TestCore>(x: T): T => {
    cleanups.push('close' in x ? () => x.close() : () => x.cleanup());
    return x;
  };

  it('refuses a sync naming an unknown mapping with file, line and field; nothing is applied', async () => {
    const t = track(await makeTestCore());
    const ws = track(folder({ 'connections/crm.yaml': CRM, 'syncs/nightly.yaml': SYNC }));
    const error = await failure(t.core.workspace.apply(ws.dir));
    expect(error.code).toBe('invalid_input');
    expect(error.details?.issues).toEqual([
      expect.objectContaining({ file: 'syncs/nightly.yaml', line: 5, field: 'mappingId' }),
    ]);
    expect(error.message).toMatch(/syncs\/nightly.yaml:5:\d+ mappingId: unknown mapping "contacts-to-customers"/);
    expect(await t.core.connections.list()).toEqual([]);
  });

  it('creates, then reports everything unchanged; a change is a field diff and a new mapping version', async () => {
    const t = track(await makeTestCore());
    const ws = track(
      folder({
        'connections/crm.yaml': CRM,
        'connections/billing.yaml': BILLING,
        'mappings/m.yaml': MAPPING,
        'syncs/nightly.yaml': SYNC,
      }),
    );
    const first = await t.core.workspace.apply(ws.dir);
    expect(first.counts).toMatchObject({ create: 4, change: 0, unchanged: 0 });
    expect(first.secretsNeeded.map((s) => `${s.id}/${s.field}`).sort()).toEqual(['billing/token', 'crm/token']);
    expect((await t.core.workspace.apply(ws.dir)).counts).toMatchObject({ create: 0, change: 0, unchanged: 4 });

    writeFileSync(
      join(ws.dir, 'mappings/m.yaml'),
      MAPPING.replace('sources: [email]', 'sources: [email]\n    enabled: false'),
    );
    const dry = await t.core.workspace.apply(ws.dir, { dryRun: true });
    expect(dry.applied).toBe(false);
    expect(dry.entries.find((e) => e.kind === 'mapping')).toMatchObject({
      action: 'change',
      changes: [{ path: 'rules[r-email].enabled', before: true, after: false }],
    });
    expect((await t.core.mappings.repository.get('contacts-to-customers')).version).toBe(1);
    await t.core.workspace.apply(ws.dir);
    const versions = await t.core.mappings.repository.versions('contacts-to-customers');
    expect(versions.map((v) => [v.version, v.origin])).toEqual([
      [2, 'file'],
      [1, 'file'],
    ]);
  });

  it('rolls back everything when a write fails halfway', async () => {
    let failOn: string | undefined;
    const t = track(
      await makeTestCore({
        openSettings: (dir): KeyValueStore => {
          const inner = openConfStore(dir);
          return {
            get: (k) => inner.get(k),
            has: (k) => inner.has(k),
            delete: (k) => inner.delete(k),
            path: inner.path,
            set: (k, v) => {
              if (k === failOn) throw new Error('disk full');
              inner.set(k, v);
            },
          };
        },
      }),
    );
    // Something this machine already has, which a failed apply must leave exactly as it was.
    const existing = await t.core.connections.create({
      name: 'Old CRM',
      connectorId: 'crm-hubspot',
      baseUrl: 'https://old.example.test',
      authKind: 'bearer',
      secrets: { token: 'pat-old-0123456789abcdef' },
    });
    const ws = track(
      folder({
        'connections/crm.yaml': CRM,
        'connections/billing.yaml': BILLING,
        'mappings/m.yaml': MAPPING,
        'syncs/nightly.yaml': SYNC,
      }),
    );
    failOn = 'syncs';
    const error = await failure(t.core.workspace.apply(ws.dir, { prune: true }));
    expect(error.message).toMatch(/Nothing was applied: creating sync "Nightly" \(syncs\/nightly.yaml\) failed/);
    failOn = undefined;
    expect((await t.core.connections.list()).map((c) => c.name)).toEqual(['Old CRM']);
    expect(await t.core.mappings.repository.list()).toEqual([]);
    expect(await t.core.secrets.get(existing.id, 'token')).toBe('pat-old-0123456789abcdef');
    // And it applies cleanly once the disk is fine: prune removes what the files do not have.
    const ok = await t.core.workspace.apply(ws.dir, { prune: true });
    expect(ok.counts).toMatchObject({ create: 4, remove: 1 });
    expect((await t.core.connections.list()).map((c) => c.name).sort()).toEqual(['Acme CRM', 'Acme billing']);
  });

  it('lists objects only this machine has and leaves them alone without --prune', async () => {
    const t = track(await makeTestCore());
    await t.core.connections.create({
      name: 'Local only',
      connectorId: 'crm-hubspot',
      baseUrl: 'https://local.example.test',
      authKind: 'none',
    });
    const ws = track(folder({ 'connections/crm.yaml': CRM }));
    const plan = await t.core.workspace.apply(ws.dir);
    expect(plan.entries.map((e) => [e.name, e.action])).toEqual([
      ['Acme CRM', 'create'],
      ['Local only', 'not_in_files'],
    ]);
    expect(await t.core.connections.list()).toHaveLength(2);
    await expect(t.core.workspace.apply(join(ws.dir, 'connections/crm.yaml'), { prune: true })).rejects.toThrow(
      /--prune needs a folder/,
    );
  });

  it('export keeps comments and ${env:…} placeholders that still hold; apply resolves them', async () => {
    const t = track(await makeTestCore());
    const env = { CRM_URL: 'https://crm.example.test' };
    const ws = track(
      folder({
        'connections/crm.yaml': CRM.replace(
          'baseUrl: https://crm.example.test',
          '# the live account\nbaseUrl: ${env:CRM_URL}',
        ),
      }),
    );
    await t.core.workspace.apply(ws.dir, { env });
    expect((await t.core.connections.list())[0]!.baseUrl).toBe('https://crm.example.test');
    const before = readFileSync(join(ws.dir, 'connections/crm.yaml'), 'utf8');
    const exported = await t.core.workspace.export(ws.dir, env);
    const after = readFileSync(join(ws.dir, 'connections/crm.yaml'), 'utf8');
    expect(after).toContain('# the live account');
    expect(after).toContain('baseUrl: ${env:CRM_URL}');
    expect(after).not.toContain('pat-');
    expect(exported.removed).toEqual([]);
    expect(before.split('\n').slice(0, 6)).toEqual(after.split('\n').slice(0, 6));
    expect((await t.core.workspace.apply(ws.dir, { env })).counts.unchanged).toBe(1);
    expect(await t.core.workspace.yaml('connection', 'crm')).toMatch(/^patchbay: 1\nkind: connection\nid: crm\n/);
  });
});
