import { describe, expect, it } from 'vitest';
import { commands } from '../../../electron/cli/commands';
import { runCli } from '../../helpers/cli';
import { makeTempDir } from '../../helpers/tmp';
import pkg from '../../../package.json';

describe('patchbay CLI', () => {
  it('prints its version', async () => {
    const r = await runCli(['--version']);
    expect(r).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
  });

  it('runs doctor with every check OK under the test keyring, as JSON', async () => {
    const tmp = makeTempDir();
    const r = await runCli(['--data-dir', tmp.dir, 'doctor', '--json']);
    tmp.cleanup();
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.checks).toHaveLength(5);
    expect(report.ok).toBe(true);
  });

  it('explains a missing keychain when there is no D-Bus session, and fails', async () => {
    const tmp = makeTempDir();
    const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus', DISPLAY: '' };
    const r = await runCli(['--data-dir', tmp.dir, 'doctor'], { env });
    tmp.cleanup();
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/FAIL\s+OS keychain: .*(gnome-keyring|unlock)/);
    expect(r.stdout).toMatch(/OK\s+SQLite/);
  });

  it('answers --help for every command and exits 2 on an unknown one', async () => {
    for (const command of commands) {
      const r = await runCli([...command.path, '--help']);
      expect(r.code, command.path.join(' ')).toBe(0);
      expect(r.stdout).toContain(`Usage: patchbay ${command.path.join(' ')}`);
    }
    const unknown = await runCli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
  });
});
