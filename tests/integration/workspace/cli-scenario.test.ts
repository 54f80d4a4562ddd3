import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument, YAMLMap, YAMLSeq } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli';
import { makeTempDir } from '../../helpers/tmp';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/** `patchbay --json sandbox start` in the background, as a user runs it in a second terminal. */
function startSandboxCli(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; info: SandboxInfo }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', `${root}electron/cli/main.ts`, '--json', 'sandbox', 'start'],
      {
        cwd: root,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const line = out.split('\n')[0];
      if (out.includes('\n')) resolve({ child, info: JSON.parse(line!) as SandboxInfo });
    });
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`sandbox exited early (${code})`)));
  });
}

interface SandboxInfo {
  urls: { crm: string; billing: string };
  credentials: { crm: { accessToken: string }; billing: { secretKey: string } };
}

const counter = (stdout: string, word: string) => Number(new RegExp(`${word} (\\d+)`).exec(stdout)?.[1] ?? NaN);

/**
 * The sandbox CRM → billing scenario built with the CLI alone (the README example): connections,
 * a suggested mapping, a sync and a run; then the workspace as files: export, edit the mapping in
 * YAML with a comment, review the plan, apply (a new mapping version from "file"), run again, and
 * a second apply and export change nothing (the comment stays).
 */
describe('CRM → billing from the command line', () => {
  const data = makeTempDir('patchbay-cli-ws-');
  let sandbox: ChildProcess | undefined;
  afterAll(async () => {
    sandbox?.kill('SIGTERM');
    data.cleanup();
  });

  it('sets up, syncs, round-trips through files', async () => {
    const env = { ...process.env, PATCHBAY_DATA_DIR: join(data.dir, 'data') };
    const cli = (args: string[], stdin?: string) => runCli(args, { env, stdin, timeoutMs: 120_000 });
    const started = await startSandboxCli(env);
    sandbox = started.child;
    const { urls, credentials } = started.info;

    const crm = await cli(
      [
        'connections',
        'add',
        '--connector',
        'crm-hubspot',
        '--name',
        'Sandbox CRM',
        '--auth',
        'bearer',
        '--base-url',
        urls.crm,
        '--secret-stdin',
        'token',
      ],
      credentials.crm.accessToken,
    );
    expect(crm.code, crm.stderr).toBe(0);
    const billing = await cli(
      [
        'connections',
        'add',
        '--connector',
        'billing-stripe',
        '--name',
        'Sandbox billing',
        '--auth',
        'bearer',
        '--base-url',
        urls.billing,
        '--secret-stdin',
        'token',
      ],
      credentials.billing.secretKey,
    );
    expect(billing.code, billing.stderr).toBe(0);

    const mapping = await cli([
      '--json',
      'mappings',
      'create',
      '--from',
      'Sandbox CRM/contacts',
      '--to',
      'Sandbox billing/customers',
      '--suggest',
      '--name',
      'Contacts to customers',
    ]);
    expect(mapping.code, mapping.stderr).toBe(0);
    const saved = JSON.parse(mapping.stdout) as {
      mapping: { id: string; rules: { target: string }[]; matchKey: { targetField: string } };
    };
    expect(saved.mapping.rules.map((r) => r.target)).toEqual(expect.arrayContaining(['email', 'phone']));
    expect(saved.mapping.matchKey.targetField).toBe('email');

    const sync = await cli(['sync', 'create', '--mapping', 'Contacts to customers', '--name', 'CRM to billing']);
    expect(sync.code, sync.stderr).toBe(0);
    expect(sync.stdout).toMatch(/Created sync "CRM to billing"/);

    // The sandbox CRM holds national phone numbers: the suggested E.164 rule fails on them (quarantined).
    const run1 = await cli(['sync', 'run', 'CRM to billing']);
    expect(counter(run1.stdout, 'created')).toBeGreaterThan(0);
    const failed1 = counter(run1.stdout, 'failed');
    expect(failed1).toBeGreaterThan(0);

    const ws = join(data.dir, 'workspace');
    const exported = await cli(['export', '--out', ws]);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toMatch(/Exported 4 object\(s\)/);
    const mappingFile = join(ws, 'mappings', readdirSync(join(ws, 'mappings'))[0]!);

    // Edit the file as a reviewer would: stop sending the phone, with a comment saying why.
    const doc = parseDocument(readFileSync(mappingFile, 'utf8'));
    const rules = doc.get('rules') as YAMLSeq<YAMLMap>;
    const phone = rules.items.find((r) => r.get('target') === 'phone')!;
    phone.set('enabled', false);
    phone.commentBefore = ' off: the CRM holds national numbers without a country, billing wants E.164';
    writeFileSync(mappingFile, doc.toString());

    const dry = await cli(['apply', ws, '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/~ change\s+mapping "Contacts to customers"/);
    expect(dry.stdout).toMatch(/rules\[[^\]]+\]\.enabled: true → false/);
    expect(dry.stdout).toMatch(/0 to create, 1 to change, 3 unchanged/);
    expect(dry.stdout).toMatch(/Dry run: nothing was changed/);
    const before = JSON.parse(
      (await cli(['--json', 'mappings', 'history', 'Contacts to customers'])).stdout,
    ) as unknown[];
    expect(before).toHaveLength(1);

    const applied = await cli(['apply', ws]);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toMatch(/Applied 1 change/);
    const history = JSON.parse((await cli(['--json', 'mappings', 'history', 'Contacts to customers'])).stdout) as {
      version: number;
      origin: string;
    }[];
    expect(history.map((v) => [v.version, v.origin])).toEqual([
      [2, 'file'],
      [1, 'cli'],
    ]);

    const run2 = await cli(['sync', 'run', 'CRM to billing']);
    expect(counter(run2.stdout, 'failed'), run2.stdout + run2.stderr).toBeLessThan(failed1);

    const again = await cli(['--json', 'apply', ws]);
    expect(JSON.parse(again.stdout).counts).toEqual({ create: 0, change: 0, unchanged: 4, not_in_files: 0, remove: 0 });
    const reexport = await cli(['--json', 'export', '--out', ws]);
    expect(JSON.parse(reexport.stdout).written).toEqual([]);
    expect(readFileSync(mappingFile, 'utf8')).toContain('# off: the CRM holds national numbers');
  }, 400_000);
});
