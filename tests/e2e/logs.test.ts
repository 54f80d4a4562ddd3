import Ajv from 'ajv';
import { readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallEventInput } from '../../shared/models/call-event';
import { statusClassOf } from '../../shared/models/call-event';
import { launchApp, type E2EApp } from './harness';

const SECRET = 'sk_live_e2e_4f9a1c77d2';
const RUNS = ['run-alpha', 'run-beta', 'run-gamma'];
const STATUSES = [200, 200, 201, 404, 422, 500, 429, 200];
const harSchema = JSON.parse(readFileSync(new URL('../fixtures/har-1.2.schema.json', import.meta.url), 'utf8'));

/** 3 runs × 16 calls over the last hour: 2xx, 4xx (404/422/429) and 5xx, every one with a bearer token. */
function seedCalls(now: number): CallEventInput[] {
  const calls: CallEventInput[] = [];
  RUNS.forEach((runId, r) => {
    for (let i = 0; i < 16; i++) {
      const status = STATUSES[(i + r) % STATUSES.length]!;
      const n = r * 16 + i;
      calls.push({
        id: `e2e-${runId}-${i}`,
        time: new Date(now - (48 - n) * 60_000).toISOString(),
        durationMs: 40 + ((n * 37) % 400),
        runId,
        syncId: 'sync-crm-to-billing',
        connectionId: r === 2 ? 'conn-billing' : 'conn-crm',
        connectorId: 'crm',
        resource: 'contacts',
        operation: 'list',
        method: i % 4 === 0 ? 'POST' : 'GET',
        url: `https://crm.example.test/v1/contacts?page=${i}`,
        host: 'crm.example.test',
        status,
        statusClass: statusClassOf(status),
        attempt: status === 429 ? 2 : 1,
        ...(status === 429 ? { retryWaitMs: 1500 } : {}),
        ...(status >= 400
          ? {
              errorCode: status === 429 ? 'rate_limited' : status >= 500 ? 'server_error' : 'http_error',
              errorMessage: `HTTP ${status}`,
            }
          : {}),
        bytesIn: 512,
        bytesOut: i % 4 === 0 ? 64 : 0,
        requestHeaders: { authorization: `Bearer ${SECRET}`, accept: 'application/json' },
        responseHeaders: { 'content-type': 'application/json' },
        responseBody: status < 300 ? '{"results":[{"id":1}]}' : `{"error":"HTTP ${status}"}`,
      });
    }
  });
  return calls;
}

describe('Logs page and Dashboard in Chromium', () => {
  let app: E2EApp;
  let calls: CallEventInput[];
  const beta4xx = () => calls.filter((c) => c.runId === 'run-beta' && c.statusClass === '4xx').map((c) => c.id);

  beforeAll(async () => {
    calls = seedCalls(Date.now());
    app = await launchApp({
      setup: async (t) => {
        t.core.logs.appendMany(calls);
        t.core.logs.flush();
        t.core.ledger.record({
          flowKind: 'run',
          flowId: 'run-beta',
          connectionId: 'conn-crm',
          resource: 'contacts',
          direction: 'read',
          fields: ['email', 'name'],
          recordCount: 42,
          host: 'crm.example.test',
          credential: { connectionId: 'conn-crm', authKind: 'bearer' },
        });
      },
    });
  });
  afterAll(async () => {
    await app?.close();
  });

  const rowIds = () =>
    app.page.locator('[data-testid="log-row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-call-id')));
  async function waitForRows(expected: string[]) {
    await app.page.waitForFunction(
      (ids) => {
        const seen = [...document.querySelectorAll('[data-testid="log-row"]')].map((r) =>
          r.getAttribute('data-call-id'),
        );
        return seen.length === ids.length && ids.every((id) => seen.includes(id));
      },
      expected,
      { timeout: 10_000 },
    );
  }

  it('pre-filters from a deep link to the 4xx calls of one run', async () => {
    expect(beta4xx().length).toBeGreaterThanOrEqual(3);
    await app.page.evaluate(() => (window.location.hash = '#/logs?run=run-beta&status=4xx'));
    await app.page.waitForSelector('[data-testid="page-logs"]');
    await waitForRows(beta4xx());
    expect(await app.page.inputValue('[data-testid="logs-run"]')).toBe('run-beta');
    expect(await app.page.getAttribute('[data-testid="logs-status-4xx"]', 'aria-pressed')).toBe('true');
  });

  it('filters to the same calls with the run field and the status chips', async () => {
    await app.page.evaluate(() => (window.location.hash = '#/logs'));
    await app.page.click('[data-testid="logs-clear-filters"]');
    await app.page.waitForFunction(() =>
      document.querySelector('[data-testid="logs-count"]')?.textContent?.startsWith('48 '),
    );
    await app.page.fill('[data-testid="logs-run"]', 'run-beta');
    await app.page.press('[data-testid="logs-run"]', 'Enter');
    await app.page.waitForFunction(() =>
      document.querySelector('[data-testid="logs-count"]')?.textContent?.startsWith('16 '),
    );
    await app.page.click('[data-testid="logs-status-4xx"]');
    await waitForRows(beta4xx());
    // A second chip widens the filter (status classes are OR-ed), a second click narrows it again.
    await app.page.click('[data-testid="logs-status-5xx"]');
    const with5xx = calls
      .filter((c) => c.runId === 'run-beta' && (c.statusClass === '4xx' || c.statusClass === '5xx'))
      .map((c) => c.id);
    await waitForRows(with5xx);
    await app.page.click('[data-testid="logs-status-5xx"]');
    await waitForRows(beta4xx());
  });

  it('opens a call with Enter and shows the Authorization header as [REDACTED]', async () => {
    await app.page.focus('[data-testid="logs-table"]');
    await app.page.keyboard.press('ArrowDown');
    await app.page.keyboard.press('ArrowDown');
    await app.page.keyboard.press('ArrowUp');
    await app.page.keyboard.press('Enter');
    const drawer = app.page.locator('[data-testid="log-drawer"]');
    await drawer.locator('[data-testid="drawer-request-headers"]').waitFor();
    const first = (await rowIds())[0]!;
    const auth = drawer.locator('[data-testid="drawer-request-headers"] tr', { hasText: 'authorization' });
    await expect(auth.locator('td').textContent()).resolves.toBe('[REDACTED]');
    expect(await drawer.textContent()).not.toContain(SECRET);
    await expect(drawer.locator('[data-testid="drawer-url"]').textContent()).resolves.toContain(
      `page=${first.split('-').pop()}`,
    );
    expect(await app.page.content()).not.toContain(SECRET);
  });

  it('exports the open call as HAR 1.2 to the chosen file, with a progress bar and no secret', async () => {
    const opened = (await rowIds())[0]!;
    await app.page.click('[data-testid="drawer-export-har"]');
    const status = app.page.locator('[data-testid="export-status"][data-export-path]');
    await status.waitFor({ timeout: 10_000 });
    const path = (await status.getAttribute('data-export-path'))!;
    expect(await status.textContent()).toContain('Saved 1 call');
    const text = readFileSync(path, 'utf8');
    expect(text).not.toContain(SECRET);
    const har = JSON.parse(text);
    const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
    expect(ajv.validate(harSchema, har), JSON.stringify(ajv.errors)).toBe(true);
    expect(har.log.entries).toHaveLength(1);
    expect(har.log.entries[0]._id).toBe(opened);
    expect(har.log.entries[0].response.status).toBeGreaterThanOrEqual(400);
    expect(har.log.entries[0].request.headers).toContainEqual({ name: 'authorization', value: '[REDACTED]' });
    const exportCall = app.calls.find((c) => c.channel === 'logs:export');
    expect(exportCall?.payload).toMatchObject({ format: 'har', ids: [opened] });
    rmSync(dirname(path), { recursive: true, force: true });
  });

  it('exports the current filter as JSONL from the toolbar', async () => {
    await app.page.click('[data-testid="logs-export-jsonl"]');
    const status = app.page.locator('[data-testid="export-status"]', { hasText: `Saved ${beta4xx().length} calls` });
    await status.waitFor({ timeout: 10_000 });
    const path = (await status.getAttribute('data-export-path'))!;
    const ids = readFileSync(path, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).id);
    expect(ids.sort()).toEqual(beta4xx().sort());
    rmSync(dirname(path), { recursive: true, force: true });
  });

  it('writes a support bundle for the filtered run', async () => {
    await app.page.click('[data-testid="logs-support-bundle"]');
    const status = app.page.locator('[data-testid="export-status"]', { hasText: 'Saved the support bundle' });
    await status.waitFor({ timeout: 10_000 });
    expect(await status.textContent()).toContain('(16 calls)');
    const path = (await status.getAttribute('data-export-path'))!;
    // Contents and redaction of bundles are covered by the integration tests; here: a zip was written.
    expect(readFileSync(path).subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    expect(app.calls.find((c) => c.channel === 'logs:supportBundle')?.payload).toMatchObject({ runId: 'run-beta' });
    rmSync(dirname(path), { recursive: true, force: true });
  });

  it('closes the drawer with Esc, focuses search with "/" and explains bad search syntax inline', async () => {
    await app.page.focus('[data-testid="logs-table"]');
    await app.page.keyboard.press('Escape');
    await app.page.locator('[data-testid="log-drawer"]').waitFor({ state: 'detached' });
    await app.page.keyboard.press('/');
    expect(await app.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('logs-search');
    await app.page.keyboard.type('"unterminated');
    await app.page.keyboard.press('Enter');
    await expect(app.page.locator('[data-testid="logs-search-error"]').textContent()).resolves.toMatch(
      /not a valid full-text query/,
    );
    await app.page.fill('[data-testid="logs-search"]', '');
    await app.page.press('[data-testid="logs-search"]', 'Enter');
    await app.page.locator('[data-testid="logs-search-error"]').waitFor({ state: 'detached' });
  });

  it('follow mode shows a call logged after the page was read', async () => {
    await app.page.click('[data-testid="logs-clear-filters"]');
    await app.page.waitForFunction(() =>
      document.querySelector('[data-testid="logs-count"]')?.textContent?.startsWith('48 '),
    );
    await app.page.click('[data-testid="logs-follow"]');
    app.test.core.logs.append({ ...calls[0]!, id: 'e2e-live-1', time: new Date().toISOString(), runId: 'run-live' });
    app.test.core.logs.flush();
    await app.page.waitForFunction(
      () => document.querySelector('[data-testid="log-row"]')?.getAttribute('data-call-id') === 'e2e-live-1',
      undefined,
      { timeout: 10_000 },
    );
    await app.page.click('[data-testid="logs-follow"]');
  });

  it('shows the monitoring tiles and charts on the Dashboard and saves the README screenshot', async () => {
    await app.goto('dashboard');
    const total = calls.length + 1;
    const failures = [...calls].filter((c) => (c.status ?? 0) >= 400).length;
    await app.page.waitForFunction(
      (n) => document.querySelector('[data-testid="kpi-calls"] .kpi-value')?.textContent === String(n),
      total,
    );
    await expect(app.page.locator('[data-testid="kpi-failures"] .kpi-value').textContent()).resolves.toBe(
      String(failures),
    );
    await expect(app.page.locator('[data-testid="kpi-top-error"] .kpi-value').textContent()).resolves.toBe(
      'http_error',
    );
    for (const chart of [
      'chart-calls-over-time',
      'chart-failures-by-code',
      'chart-status-classes',
      'chart-per-connection',
    ]) {
      await app.page.locator(`[data-testid="${chart}"] svg.recharts-surface`).first().waitFor();
    }
    expect(await app.page.locator('[data-testid="chart-failures-by-code"] .recharts-bar-rectangle').count()).toBe(3);
    await app.page.selectOption('[data-testid="monitoring-connection"]', 'conn-billing');
    await app.page.waitForFunction(
      () => document.querySelector('[data-testid="kpi-calls"] .kpi-value')?.textContent === '16',
    );
    await app.page.selectOption('[data-testid="monitoring-connection"]', '');
    await app.page.waitForFunction(
      (n) => document.querySelector('[data-testid="kpi-calls"] .kpi-value')?.textContent === String(n),
      total,
    );
    const path = await app.screenshot('dashboard');
    expect(path).toMatch(/dashboard\.png$/);
  });

  it('shows the data-access report in Settings and exports it as CSV', async () => {
    await app.goto('settings');
    const row = app.page.locator('[data-testid="data-access-table"] tbody tr');
    await row.first().waitFor();
    expect(await row.count()).toBe(1);
    await expect(row.first().textContent()).resolves.toMatch(
      /conn-crm.*contacts.*read.*crm\.example\.test.*bearer.*email.*name.*42/,
    );
    await app.page.click('[data-testid="data-access-export-csv"]');
    const status = app.page.locator('[data-testid="data-access-export-status"][data-export-path]');
    await status.waitFor();
    const path = (await status.getAttribute('data-export-path'))!;
    expect(readFileSync(path, 'utf8')).toMatch(/^connection,resource,direction/);
    rmSync(dirname(path), { recursive: true, force: true });
  });
});
