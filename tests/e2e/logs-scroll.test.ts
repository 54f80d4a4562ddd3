import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statusClassOf } from '../../shared/models/call-event';
import { launchApp, type E2EApp } from './harness';

const ROWS = 5000;

describe('Logs table with many rows', () => {
  let app: E2EApp;
  beforeAll(async () => {
    const now = Date.now();
    app = await launchApp({
      setup: async (t) => {
        for (let i = 0; i < ROWS; i++) {
          const status = i % 10 === 0 ? 500 : 200;
          t.core.logs.append({
            id: `bulk-${i}`,
            time: new Date(now - (ROWS - i) * 1000).toISOString(),
            durationMs: 20 + (i % 50),
            method: 'GET',
            url: `https://shop.example.test/orders/${i}`,
            host: 'shop.example.test',
            status,
            statusClass: statusClassOf(status),
          });
        }
        t.core.logs.flush();
      },
    });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('keeps only the visible rows in the DOM and pages in older calls by cursor as it scrolls', async () => {
    await app.goto('logs');
    await app.page.locator('[data-testid="log-row"]').first().waitFor();
    expect(await app.page.getAttribute('[data-testid="log-row"] >> nth=0', 'data-call-id')).toBe(`bulk-${ROWS - 1}`);
    // Scrolling to the end loads the next page: the count the user sees grows after each scroll, to 1000 and more.
    const shown = () =>
      app.page.evaluate(() =>
        Number(document.querySelector('[data-testid="logs-count"]')?.textContent?.replace(/\D/g, '') ?? 0),
      );
    for (let loaded = await shown(); loaded < 1000; loaded = await shown()) {
      await app.page.evaluate(() => {
        const el = document.querySelector('[data-testid="logs-scroll"]')!;
        el.scrollTop = el.scrollHeight;
      });
      await app.page.waitForFunction(
        (before) =>
          Number(document.querySelector('[data-testid="logs-count"]')?.textContent?.replace(/\D/g, '')) > before,
        loaded,
      );
    }
    const domRows = await app.page.locator('[data-testid="log-row"]').count();
    expect(domRows).toBeLessThan(80);
    // Keyboard selection keeps working far down the list and scrolls the row into view.
    await app.page.focus('[data-testid="logs-table"]');
    const selected = app.page.locator('[data-testid="log-row"][aria-selected="true"]');
    await app.page.keyboard.press('End');
    // End selects the last loaded row (at least 1000 deep), which is scrolled into view.
    await app.page.waitForFunction(
      () =>
        Number(
          document
            .querySelector('[data-testid="log-row"][aria-selected="true"]')
            ?.getAttribute('data-call-id')
            ?.slice(5) ?? 1e9,
        ) <= 4000,
    );
    await app.page.keyboard.press('Home');
    await app.page.keyboard.press('ArrowDown');
    await app.page.keyboard.press('PageDown');
    await app.page.waitForFunction(
      () =>
        document.querySelector('[data-testid="log-row"][aria-selected="true"]')?.getAttribute('data-call-id') ===
        'bulk-4978',
    );
    expect(await selected.isVisible()).toBe(true);
  });
});
