import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LogStore } from '../../../electron/core/logs';
import { runCli } from '../../helpers/cli';
import { makeTempDir } from '../../helpers/tmp';
import { makeCall } from './helpers';

describe('patchbay logs CLI', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let dataDir: string;
  beforeAll(() => {
    tmp = makeTempDir('patchbay-logs-cli-');
    dataDir = join(tmp.dir, 'data');
    // Seed the data folder the CLI will open, then close it so the CLI process owns it.
    const store = LogStore.open({ dataDir });
    for (let i = 0; i < 30; i++)
      store.append(makeCall(i, { requestHeaders: { authorization: 'Bearer sk_cli_secret_99' } }));
    store.close();
  });
  afterAll(() => tmp.cleanup());

  it('queries with filters, as JSON and as a table', async () => {
    const r = await runCli([
      '--data-dir',
      dataDir,
      '--json',
      'logs',
      'query',
      '--run',
      'run-1',
      '--status',
      '4xx,5xx',
      '--limit',
      '100',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const page = JSON.parse(r.stdout);
    expect(page.items.length).toBeGreaterThan(0);
    expect(
      page.items.every(
        (c: { runId: string; statusClass: string }) => c.runId === 'run-1' && ['4xx', '5xx'].includes(c.statusClass),
      ),
    ).toBe(true);
    const table = await runCli(['--data-dir', dataDir, 'logs', 'query', '--limit', '3']);
    expect(table.stdout.split('\n')[0]).toMatch(/^TIME\s+METHOD\s+STATUS\s+URL/);
    expect(table.stderr).toContain('more calls match');
  });

  it('rejects a bad status class, date or search with exit code 2', async () => {
    for (const args of [
      ['--status', '6xx'],
      ['--since', '2025-02-31'],
      ['--search', '"open'],
    ]) {
      const r = await runCli(['--data-dir', dataDir, 'logs', 'query', ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^patchbay: .*\(invalid_input\)/);
    }
  });

  it('exports a run as HAR with --out', async () => {
    const r = await runCli([
      '--data-dir',
      dataDir,
      'logs',
      'export',
      '--format',
      'har',
      '--out',
      join(tmp.dir, 'run-2.har'),
      '--run',
      'run-2',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Wrote 10 calls \(\d+ bytes\) to .*run-2\.har/);
    const har = JSON.parse(readFileSync(join(tmp.dir, 'run-2.har'), 'utf8'));
    expect(har.log.entries).toHaveLength(10);
    expect(JSON.stringify(har)).not.toContain('sk_cli_secret_99');
    const bad = await runCli(['--data-dir', dataDir, 'logs', 'export', '--format', 'xml', '--out', 'x']);
    expect(bad.code).toBe(2);
  });
});
