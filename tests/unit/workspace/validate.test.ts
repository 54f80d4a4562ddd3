import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadFile, loadWorkspace } from '../../../electron/core/workspace/load';
import { makeTempDir } from '../../helpers/tmp';

const connection = (extra = '') => `patchbay: 1
kind: connection
id: crm-prod
name: Acme CRM
connectorId: crm-hubspot
baseUrl: https://api.hubapi.com
authKind: bearer
secrets: [token]
${extra}`;

const one = (text: string, env: NodeJS.ProcessEnv = {}) => loadFile(text, 'connections/acme.yaml', env);

describe('workspace files: bad input is refused with file, line and field', () => {
  it('accepts a valid connection and fills defaults', () => {
    const r = one(connection());
    expect(r.issues).toEqual([]);
    expect(r.object?.value).toMatchObject({ id: 'crm-prod', authSettings: {}, secrets: ['token'] });
  });

  it('names an unknown key with its line', () => {
    const r = one(connection('shedule: daily\n'));
    expect(r.issues).toEqual([
      expect.objectContaining({ file: 'connections/acme.yaml', line: 9, column: 1, field: 'shedule' }),
    ]);
    expect(r.issues[0]!.message).toMatch(/unknown field "shedule"/);
  });

  it('finds unknown keys at any depth', () => {
    const r = one(connection('authSettings:\n  headerNam: X-Key\n'));
    expect(r.issues[0]).toMatchObject({ line: 10, field: 'authSettings.headerNam' });
  });

  it('names a wrong type with the line of the value', () => {
    const r = loadFile(
      `patchbay: 1
kind: sync
id: s1
name: Nightly
mappingId: m1
pageSize: lots
`,
      'syncs/nightly.yaml',
      {},
    );
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ file: 'syncs/nightly.yaml', line: 6, column: 11, field: 'pageSize' });
    expect(r.issues[0]!.message).toMatch(/number/);
  });

  it('refuses a secret value pasted into a file, names the field and says to use secrets set', () => {
    const r = one(connection().replace('secrets: [token]', 'secrets:\n  token: sk_test_abcdef123456'));
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ line: 9, field: 'secrets.token' });
    expect(r.issues[0]!.message).toContain('patchbay secrets set crm-prod token');
    expect(JSON.stringify(r.issues)).not.toContain('sk_test_abcdef123456');
  });

  it('refuses a credential under a settings key too', () => {
    const r = one(connection('authSettings:\n  password: hunter2hunter2\n'));
    expect(r.issues[0]).toMatchObject({ field: 'authSettings.password', line: 10 });
    expect(r.issues[0]!.message).toMatch(/secrets set crm-prod password/);
    expect(JSON.stringify(r.issues)).not.toContain('hunter2');
  });

  it('refuses a file from a newer Patchbay', () => {
    const r = one(connection().replace('patchbay: 1', 'patchbay: 7'));
    expect(r.issues).toEqual([
      expect.objectContaining({
        line: 1,
        field: 'patchbay',
        message: expect.stringMatching(/newer Patchbay.*format 7/),
      }),
    ]);
  });

  it('refuses a file that is not a workspace file, an unknown kind and invalid YAML', () => {
    expect(one('name: x\n').issues[0]!.message).toMatch(/not a Patchbay workspace file/);
    expect(one('patchbay: 1\nkind: widget\n').issues[0]).toMatchObject({ line: 2, field: 'kind' });
    const bad = one('patchbay: 1\nkind: sync\nname: [unclosed\n');
    expect(bad.issues[0]!.message).toMatch(/not valid YAML/);
    expect(bad.issues[0]!.line).toBeGreaterThan(0);
    expect(one('patchbay: 1\nkind: sync\nid: a\nid: b\n').issues[0]!.message).toMatch(
      /not valid YAML.*[Mm]ap keys must be unique/,
    );
    expect(one(`${connection()}---\n${connection()}`).issues[0]!.message).toMatch(/one object per file/);
  });

  it('refuses keys each machine keeps for itself', () => {
    const r = one(connection('lastTest: {}\n'));
    expect(r.issues[0]).toMatchObject({ field: 'lastTest', line: 9 });
    expect(r.issues[0]!.message).toMatch(/kept by each machine/);
  });

  it('resolves ${env:NAME} and names a variable that is not set', () => {
    const text = connection().replace('https://api.hubapi.com', '${env:CRM_URL}');
    expect(one(text, { CRM_URL: 'https://sandbox.example.com' }).object?.value.baseUrl).toBe(
      'https://sandbox.example.com',
    );
    const r = one(text);
    expect(r.issues[0]).toMatchObject({ field: 'baseUrl', line: 6 });
    expect(r.issues[0]!.message).toMatch(/CRM_URL is not set/);
  });

  it('checks per-kind rules (a secret field the auth kind does not use)', () => {
    const r = one(connection().replace('secrets: [token]', 'secrets: [apiKey]'));
    expect(r.issues[0]).toMatchObject({ field: 'secrets.0', line: 8 });
    expect(r.issues[0]!.message).toMatch(/no secret field "apiKey"/);
  });
});

describe('workspace folders', () => {
  let tmp: ReturnType<typeof makeTempDir> | undefined;
  afterEach(() => tmp?.cleanup());

  it('reports duplicate ids and names in every file that has them', () => {
    tmp = makeTempDir();
    mkdirSync(join(tmp.dir, 'connections'));
    mkdirSync(join(tmp.dir, 'schemas'));
    writeFileSync(join(tmp.dir, 'connections', 'a.yaml'), connection());
    writeFileSync(join(tmp.dir, 'connections', 'b.yaml'), connection().replace('Acme CRM', 'Other CRM'));
    writeFileSync(join(tmp.dir, 'connections', 'c.yaml'), connection().replace('crm-prod', 'crm-test'));
    // schemas/ holds JSON for editors and is never read as objects.
    writeFileSync(join(tmp.dir, 'schemas', 'x.yaml'), 'not: a workspace file\n');
    const loaded = loadWorkspace(tmp.dir, {});
    expect(loaded.issues.map((i) => [i.file, i.line, i.field])).toEqual([
      ['connections/b.yaml', 3, 'id'],
      ['connections/c.yaml', 4, 'name'],
    ]);
    expect(loaded.issues[0]!.message).toMatch(/duplicate connection id "crm-prod": connections\/a.yaml has it too/);
  });
});
