import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MappingRepository } from '../../../electron/core/mappings';
import { startSandbox, type Sandbox } from '../../../electron/sandbox';
import { openConfStore } from '../../../electron/core/settings/open-conf';
import { runCli } from '../../helpers/cli';
import { makeTempDir } from '../../helpers/tmp';

/** `patchbay mappings list | preview` as a separate process, on the sandbox. */
describe('patchbay mappings CLI', () => {
  let sandbox: Sandbox;
  const tmp = makeTempDir();
  const cli = (args: string[], stdin?: string) => runCli(['--data-dir', tmp.dir, ...args], { stdin });
  const ids: string[] = [];
  beforeAll(async () => {
    sandbox = await startSandbox({ sizes: { contacts: 30, customers: 10 } });
    for (const [connector, name, url, secret] of [
      ['crm-hubspot', 'CLI CRM', sandbox.urls.crm, sandbox.credentials.crm.accessToken],
      ['billing-stripe', 'CLI billing', sandbox.urls.billing, sandbox.credentials.billing.secretKey],
    ] as const) {
      const add = await cli(
        [
          '--json',
          'connections',
          'add',
          '--connector',
          connector,
          '--name',
          name,
          '--auth',
          'bearer',
          '--base-url',
          url,
          '--secret-stdin',
          'token',
        ],
        `${secret}\n`,
      );
      expect(add.code, add.stderr).toBe(0);
      ids.push(JSON.parse(add.stdout).id);
    }
    // No `mappings save` command (mappings are built in the app): write one straight to the settings file.
    await new MappingRepository(openConfStore(tmp.dir)).save({
      name: 'Contacts to customers',
      source: { connectionId: ids[0]!, resource: 'contacts' },
      target: { connectionId: ids[1]!, resource: 'customers' },
      rules: [
        { id: 'r_email', target: 'email', sources: ['email'], transforms: [{ kind: 'email' }], enabled: true },
        { id: 'r_phone', target: 'phone', sources: ['phone'], transforms: [{ kind: 'phone' }], enabled: true },
      ],
      matchKey: { sourceRule: 'r_email', targetField: 'email', normalization: 'email' },
      unmappedRequired: 'error',
      requiredDefaults: {},
      piiAcknowledged: null,
    });
  });
  afterAll(async () => {
    for (const id of ids) await cli(['connections', 'remove', id]);
    await sandbox.stop();
    tmp.cleanup();
  });

  it('lists mappings and previews one by name: a table of operations and errors, exit 1 when a record fails', async () => {
    const list = await cli(['mappings', 'list']);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/Contacts to customers\s+v1/);

    const preview = await cli(['mappings', 'preview', 'Contacts to customers', '--limit', '12']);
    expect(preview.stderr).toBe('');
    expect(preview.stdout).toMatch(/^Mapping "Contacts to customers" v1 on 12 live record\(s\); nothing was written\./);
    expect(preview.stdout).toMatch(/RECORD\s+KEY\s+OPERATION\s+ERRORS/);
    // National phone numbers without a default country fail: the row names the field and why.
    expect(preview.stdout).toMatch(/phone: Step 1 \(phone\): .* is not a phone number/);
    expect(preview.stdout).toMatch(/\d+ create, \d+ update, \d+ unchanged, [1-9]\d* with errors/);
    expect(preview.code).toBe(1);

    const json = await cli(['--json', 'mappings', 'preview', 'Contacts to customers', '--limit', '5']);
    const report = JSON.parse(json.stdout);
    expect(report.rows).toHaveLength(5);
    expect(report.minimization.notTransmitted).toContain('company');

    const bad = await cli(['mappings', 'preview', 'nope']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/No mapping with id or name "nope"/);
    const badLimit = await cli(['mappings', 'preview', 'Contacts to customers', '--limit', '501']);
    expect(badLimit.stderr).toMatch(/--limit must be a whole number from 1 to 500/);
  });
});
