import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli';
import { makeTempDir } from '../../helpers/tmp';

const report = (stdout: string) => {
  const line = stdout.split('\n').find((l) => l.startsWith('created '));
  const n = (word: string) => Number(new RegExp(`${word} (\\d+)`).exec(line ?? '')?.[1] ?? NaN);
  return { line, created: n('created'), updated: n('updated'), unchanged: n('unchanged'), failed: n('failed') };
};

/** The demo from the command line: a first `patchbay demo` creates, a second one finds the records unchanged. */
describe('patchbay demo', () => {
  const tmp = makeTempDir('patchbay-demo-');
  afterAll(() => tmp.cleanup());

  it('creates on the first run and is incremental on the second, in the same data folder', async () => {
    const first = await runCli(['--data-dir', tmp.dir, 'demo'], { timeoutMs: 120_000 });
    expect(first.stderr).not.toMatch(/patchbay:/);
    expect(first.code).toBe(0);
    const a = report(first.stdout);
    expect(a.created).toBeGreaterThan(0);
    expect(a.failed).toBe(0);
    expect(first.stdout).toMatch(/Created the demo workspace/);
    expect(first.stdout).toMatch(/Sales overview dataset: \d+ rows/);

    const second = await runCli(['--data-dir', tmp.dir, 'demo'], { timeoutMs: 120_000 });
    expect(second.code).toBe(0);
    const b = report(second.stdout);
    expect(second.stdout).toMatch(/Reused the demo workspace/);
    expect(b.created).toBe(0);
    expect(b.unchanged).toBeGreaterThan(0);
    expect(b.updated).toBeGreaterThan(0);
    expect(b.unchanged).toBeGreaterThan(b.updated);

    const history = await runCli([
      '--data-dir',
      tmp.dir,
      '--json',
      'sync',
      'history',
      'Demo: CRM contacts → billing customers',
    ]);
    expect(history.code).toBe(0);
    expect((JSON.parse(history.stdout) as unknown[]).length).toBe(2);
  }, 300_000);
});
