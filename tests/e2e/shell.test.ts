import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, events } from '../../shared/contract';
import { PAGES } from '../../renderer/src/page-ids';
import { launchApp, type E2EApp } from './harness';

describe('app shell in Chromium', () => {
  let app: E2EApp;
  beforeAll(async () => {
    app = await launchApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('shows every page with its own content, reachable from the navigation', async () => {
    for (const page of PAGES) {
      await app.goto(page);
      await expect(app.page.locator('h1').first().textContent()).resolves.toMatch(new RegExp(page, 'i'));
    }
  });

  it('moves between pages with Alt+number and focuses the page title', async () => {
    await app.page.keyboard.press('Alt+5');
    await app.page.waitForSelector('[data-testid="page-logs"]');
    const focused = await app.page.evaluate(() => document.activeElement?.textContent);
    expect(focused).toBe('Logs');
  });

  it('runs the health check through the real core and shows each result', async () => {
    await app.goto('settings');
    await app.page.click('[data-testid="run-doctor"]');
    const items = app.page.locator('[data-testid="doctor-report"] li');
    await items.first().waitFor();
    expect(await items.count()).toBe(6);
    await expect(items.filter({ hasText: 'SQLite' }).textContent()).resolves.toContain('FTS5');
  });

  it('shows the size of each database and compacts the data folder after a confirmation', async () => {
    await app.goto('settings');
    const section = app.page.getByTestId('storage');
    await section.getByTestId('storage-state.db').waitFor();
    expect(await section.locator('tbody tr').count()).toBe(4);
    await section.getByTestId('storage-compact').click();
    await section.getByTestId('confirm-dialog').getByTestId('confirm-ok').click();
    await section
      .getByTestId('storage-status')
      .filter({ hasText: /^Done: \d+ old rows? pruned, .+ freed\./ })
      .waitFor();
    expect(app.test.core.storage.report().lastCompaction).not.toBeNull();
  });

  it('changes the theme and persists the preference in config.json', async () => {
    await app.goto('settings');
    await app.page.selectOption('[data-testid="settings-theme"]', 'dark');
    await app.page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    expect(app.test.core.preferences.get().theme).toBe('dark');
    await app.page.selectOption('[data-testid="settings-theme"]', 'light');
    await app.page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
  });

  it('gets from the real preload exactly one method per contract channel, with no generic invoke', async () => {
    const shape = await app.page.evaluate(() => {
      const api = (globalThis as typeof globalThis & { patchbay: Record<string, unknown> }).patchbay;
      const methods = Object.entries(api)
        .filter(([, v]) => typeof v === 'object')
        .flatMap(([group, v]) => Object.keys(v as object).map((m) => `${group}:${m}`));
      return { methods, hasInvoke: 'invoke' in api, hasOn: typeof api.on === 'function' };
    });
    expect(shape.methods.sort()).toEqual(Object.keys(contract).sort());
    expect(shape).toMatchObject({ hasInvoke: false, hasOn: true });
    expect(Object.keys(events).length).toBeGreaterThan(0);
  });

  it('exposes exactly one method per contract channel and rejects malformed calls from the page', async () => {
    const result = await app.page.evaluate(async () => {
      const w = globalThis as typeof globalThis & {
        patchbay: Record<string, unknown> & { settings: { update(x: unknown): Promise<unknown> } };
      };
      return w.patchbay.settings.update({ theme: 'purple' });
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(JSON.stringify(result)).toContain('theme');
  });

  it('takes the README screenshot of the app shell', async () => {
    await app.goto('connections');
    const path = await app.screenshot('app-shell');
    expect(path).toMatch(/app-shell\.png$/);
  });
});

describe('the Electron preload (bundled with `electron` swapped for Playwright bindings)', () => {
  let app: E2EApp;
  beforeAll(async () => {
    app = await launchApp({ transport: 'preload' });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('exposes the same methods as browser mode and reaches the same dispatch', async () => {
    const shape = await app.page.evaluate(async () => {
      const api = (
        globalThis as typeof globalThis & { patchbay: Record<string, Record<string, (x?: unknown) => unknown>> }
      ).patchbay;
      const methods = Object.entries(api)
        .filter(([, v]) => typeof v === 'object')
        .flatMap(([group, v]) => Object.keys(v).map((m) => `${group}:${m}`));
      return { methods, bad: await api.settings!.update!({ theme: 'purple' }), info: await api.app!.info!() };
    });
    expect(shape.methods.sort()).toEqual(Object.keys(contract).sort());
    expect(shape.bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(shape.info).toMatchObject({ ok: true, value: { name: 'Patchbay' } });
    expect(app.calls.map((c) => c.channel)).toContain('settings:update');
  });
});
