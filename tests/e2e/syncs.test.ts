import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installDemoWorkspace } from '../../electron/demo/workspace';
import { startSandbox, type Sandbox } from '../../electron/sandbox';
import { launchApp, type E2EApp } from './harness';

/**
 * Syncs through the UI: from the Syncs page, a dry run and a real run of the demo sync, each
 * watched through its progress bar to the end; the run's detail, and its link to the call logs.
 */
describe('Syncs page', () => {
  let app: E2EApp;
  let sandbox: Sandbox;
  let syncId: string;

  beforeAll(async () => {
    sandbox = await startSandbox({ sizes: { contacts: 120, customers: 20, companies: 10, invoices: 10, orders: 10 } });
    app = await launchApp({
      setup: async (t) => {
        syncId = (await installDemoWorkspace(t.core, sandbox)).state.syncId;
      },
    });
  });
  afterAll(async () => {
    await app?.close();
    await sandbox?.stop();
  });

  /** Starts a run with `button` and follows it: the progress bar shows, then the report of the finished run. */
  async function runAndWatch(button: 'sync-dry-run' | 'sync-run-now') {
    const { page } = app;
    const historyBefore = app.test.core.sync.service.history(syncId).length;
    await page.getByTestId(button).click();
    await page.getByTestId('sync-progress').waitFor();
    await expect
      .poll(() => page.getByTestId('sync-progress-text').textContent(), { timeout: 30_000 })
      .toMatch(/records/);
    await page.getByTestId('sync-progress').waitFor({ state: 'detached', timeout: 90_000 });
    const runs = app.test.core.sync.service.history(syncId);
    expect(runs.length).toBe(historyBefore + 1);
    const report = page.getByTestId('sync-report');
    await expect.poll(() => report.getAttribute('data-status')).toBe('succeeded');
    await expect(report.textContent()).resolves.toContain(`created ${runs[0]!.counters.created}`);
    return runs[0]!;
  }

  it('lists the sync with its mapping and "never run"', async () => {
    await app.goto('syncs');
    const row = app.page.getByTestId(`sync-row-${syncId}`);
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('CRM contacts → billing customers');
    await expect(row.getByTestId('sync-last-status').textContent()).resolves.toContain('Never run');
  });

  it('runs a dry run with a progress bar to the end, writing nothing', async () => {
    const run = await runAndWatch('sync-dry-run');
    expect(run.dryRun).toBe(true);
    expect(run.counters.created).toBeGreaterThan(0);
    expect(sandbox.servers.billing.store.customers.created).toBe(0);
    await expect(app.page.getByTestId('sync-report').textContent()).resolves.toMatch(/^Last dry run/);
  });

  it('runs for real with a progress bar to the end, and shows it in the history', async () => {
    const run = await runAndWatch('sync-run-now');
    expect(run.dryRun).toBe(false);
    expect(sandbox.servers.billing.store.customers.created).toBe(run.counters.created);
    await app.page.getByTestId(`run-row-${run.id}`).waitFor();
    await expect(
      app.page.getByTestId(`sync-row-${syncId}`).getByTestId('sync-last-status').textContent(),
    ).resolves.toContain('Succeeded');
    await app.screenshot('syncs');
  });

  it('opens the run detail with per-record outcomes and follows the link to its call logs', async () => {
    const { page } = app;
    const run = app.test.core.sync.service.history(syncId)[0]!;
    await page.getByTestId('sync-report-open').click();
    await page.getByTestId('run-detail').waitFor();
    await expect(page.getByTestId('run-counters').textContent()).resolves.toContain(`created ${run.counters.created}`);
    await page.getByTestId('run-filter-created').click();
    // The list re-renders after the filter applies: wait until it holds created rows and nothing else.
    const rows = page.getByTestId('outcome-row');
    const others = page.locator('[data-testid="outcome-row"]:not([data-outcome="created"])');
    await expect
      .poll(async () => `${(await rows.count()) > 0 ? 'rows' : 'no rows'}, ${await others.count()} not created`)
      .toBe('rows, 0 not created');
    await page.getByTestId('run-logs-link').click();
    await page.waitForSelector('[data-testid="page-logs"]');
    expect(await page.evaluate(() => window.location.hash)).toBe(`#/logs?run=${run.id}`);
    await expect.poll(() => page.inputValue('[data-testid="logs-run"]')).toBe(run.id);
  });

  it('edits the sync with a live schedule preview, then removes it after confirmation', async () => {
    const { page } = app;
    await app.goto('syncs');
    await page.getByTestId('sync-edit').click();
    await page.getByTestId('sync-scheduled').check();
    await page.getByTestId('sync-cron').fill('30 6 * * 1-5');
    await expect
      .poll(() => page.getByTestId('sync-cron-preview').textContent())
      .toMatch(/06:30, Monday through Friday/);
    await page.getByTestId('sync-cron').fill('61 6 * * *');
    await expect.poll(() => page.getByTestId('sync-cron-preview').textContent()).toMatch(/cannot be used|not a cron/);
    await page.getByTestId('sync-cron').fill('0 7 * * *');
    await page.getByTestId('sync-save').click();
    await page.getByTestId('sync-panel').waitFor();
    await expect(page.getByTestId(`sync-row-${syncId}`).textContent()).resolves.toMatch(/at 07:00/);
    expect(app.test.core.sync.service.definition(syncId).schedule?.cron).toBe('0 7 * * *');

    await page.getByTestId('sync-remove').click();
    await page.getByTestId('confirm-cancel').click();
    expect(app.test.core.sync.service.list()).toHaveLength(1);
    await page.getByTestId('sync-remove').click();
    await page.getByTestId('confirm-ok').click();
    await page.getByTestId('syncs-empty').waitFor();
    expect(app.test.core.sync.service.list()).toHaveLength(0);
  });
});
