import { describe, expect, it } from 'vitest';
import { commands } from '../../../electron/cli/commands';
import { runProgram } from '../../../electron/cli/program';
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
    expect(report.checks).toHaveLength(6);
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
    const global = await runCli(['--help']);
    expect(global.code).toBe(0);
    for (const command of commands) expect(global.stdout).toContain(`  ${command.path.join(' ')}`);
    // Each command's own help, through the same program the process runs (one process per command
    // would spend minutes starting Node on a busy machine); help never builds a core.
    for (const command of commands) {
      const out: string[] = [];
      const code = await runProgram([...command.path, '--help'], commands, {
        out: (text) => out.push(text),
        err: (text) => out.push(text),
        readStdin: async () => '',
        env: {},
        makeCore: () => Promise.reject(new Error('help must not build a core')),
      });
      expect(code, command.path.join(' ')).toBe(0);
      expect(out.join('\n')).toContain(`Usage: patchbay ${command.path.join(' ')}`);
    }
    const unknown = await runCli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
  });
});
