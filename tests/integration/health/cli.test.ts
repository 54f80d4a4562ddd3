import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli';
import { makeTempDir } from '../../helpers/tmp';

/** Health and the drift check from the command line, on the demo workspace `patchbay demo` leaves behind. */
describe('patchbay health / sync drift', () => {
  const tmp = makeTempDir('patchbay-health-cli-');
  afterAll(() => tmp.cleanup());

  it('lists the demo sync healthy after its run, and says the drift check could not reach the stopped sandbox', async () => {
    const demo = await runCli(['--data-dir', tmp.dir, 'demo'], { timeoutMs: 120_000 });
    expect(demo.code).toBe(0);

    const list = await runCli(['--data-dir', tmp.dir, '--json', 'health', 'list']);
    expect(list.code).toBe(0);
    const health = JSON.parse(list.stdout) as { kind: string; name: string; state: string }[];
    expect(health).toContainEqual(expect.objectContaining({ kind: 'sync', state: 'healthy' }));
    const name = health.find((h) => h.kind === 'sync')!.name;

    // `patchbay demo` stopped its sandbox: the live fields cannot be read, which is not a breaking change.
    const drift = await runCli(['--data-dir', tmp.dir, '--json', 'sync', 'drift', name]);
    expect(drift.code).toBe(0);
    const report = JSON.parse(drift.stdout) as { breaking: boolean; unavailable: { side: string }[] };
    expect(report.breaking).toBe(false);
    expect(report.unavailable.map((u) => u.side)).toContain('source');

    const resume = await runCli(['--data-dir', tmp.dir, 'health', 'resume', name]);
    expect(resume.code).not.toBe(0);
    expect(resume.stderr).toMatch(/is not paused/);
  }, 240_000);
});
