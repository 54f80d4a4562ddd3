import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../electron/sandbox';
import { scanDirForCanaries } from '../../helpers/canary';
import { runCli } from '../../helpers/cli';
import { makeTempDir } from '../../helpers/tmp';

/** `patchbay connections …` end to end: the secret enters on stdin only and never leaves the keychain. */
describe('patchbay connections CLI', () => {
  let sandbox: Sandbox;
  const tmp = makeTempDir();
  beforeAll(async () => {
    sandbox = await startSandbox({ sizes: { contacts: 10 } });
  });
  afterAll(async () => {
    await sandbox.stop();
    tmp.cleanup();
  });
  const cli = (args: string[], stdin?: string) => runCli(['--data-dir', tmp.dir, ...args], { stdin });

  it('adds, lists, tests and removes a connection', async () => {
    const token = sandbox.credentials.crm.accessToken;
    const add = await cli(
      [
        '--json',
        'connections',
        'add',
        '--connector',
        'crm-hubspot',
        '--name',
        'CLI CRM',
        '--auth',
        'bearer',
        '--base-url',
        sandbox.urls.crm,
        '--secret-stdin',
        'token',
      ],
      `${token}\n`,
    );
    expect(add.code, add.stderr).toBe(0);
    const created = JSON.parse(add.stdout);
    expect(created.secrets.token.set).toBe(true);
    expect(add.stdout).not.toContain(token);

    const list = await cli(['connections', 'list']);
    expect(list.stdout).toContain('CLI CRM');
    expect(list.stdout).not.toContain(token);

    const test = await cli(['connections', 'test', created.id]);
    expect(test.code, test.stdout + test.stderr).toBe(0);
    expect(test.stdout).toMatch(/^OK \(ok\)/);

    // The CLI uses the app's own keychain service: the secret is there, and nowhere on disk.
    const found = execFileSync('secret-tool', ['search', '--all', 'service', 'com.patchbay.app'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(found).toContain(token);
    expect(scanDirForCanaries(tmp.dir, [token])).toEqual([]);

    const remove = await cli(['connections', 'remove', created.id]);
    expect(remove.code).toBe(0);
    const after = execFileSync('secret-tool', ['search', '--all', 'service', 'com.patchbay.app'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(after).not.toContain(token);
  });

  it('refuses bad input with a one-line error naming the field, and saves nothing', async () => {
    const bad = await cli(
      [
        'connections',
        'add',
        '--connector',
        'crm-hubspot',
        '--name',
        'Bad',
        '--auth',
        'bearer',
        '--base-url',
        'not a url',
        '--secret-stdin',
        'token',
      ],
      'x\n',
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/baseUrl/);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    const unknown = await cli([
      'connections',
      'add',
      '--connector',
      'nope',
      '--name',
      'X',
      '--auth',
      'none',
      '--base-url',
      'https://x.example',
    ]);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/connector/i);
    const list = await cli(['--json', 'connections', 'list']);
    expect(JSON.parse(list.stdout)).toEqual([]);
  });
});
