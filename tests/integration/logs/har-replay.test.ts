import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpRuntime } from '../../../electron/core/connectors/http/runtime';
import { exportCalls, LogStore } from '../../../electron/core/logs';
import { sendJson, tinyServer } from '../connectors/tiny-server';
import { makeTempDir } from '../../helpers/tmp';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** 300 contacts, about 40 KB of JSON: far above the old 2 KB cut, well under the 10 MB default cap. */
const contacts = Array.from({ length: 300 }, (_, i) => ({
  id: String(i + 1),
  properties: { company: `Company ${i}`, note: 'ü'.repeat(20), lifecycle: 'customer' },
}));

async function recordHar(logBodyBytes?: number) {
  const tmp = makeTempDir('patchbay-har-');
  cleanups.push(tmp.cleanup);
  const server = await tinyServer((req, res) =>
    req.url?.startsWith('/contacts') ? sendJson(res, 200, { results: contacts }) : sendJson(res, 200, { ok: true }),
  );
  const store = LogStore.open({ dataDir: tmp.dir, flushIntervalMs: 1 });
  cleanups.push(() => store.close());
  const rt = new HttpRuntime({
    baseUrl: server.url,
    connectorId: 'crm',
    connectorName: 'CRM',
    onCall: (e) => store.append(e),
    ...(logBodyBytes ? { logBodyBytes } : {}),
  });
  await rt.request({ method: 'GET', url: `${server.url}/contacts?limit=300` });
  await rt.request({ method: 'GET', url: `${server.url}/ping` });
  await server.close();
  store.flush();
  const file = join(tmp.dir, 'calls.har');
  await exportCalls(store, file, { format: 'har' });
  return { file, url: `${server.url}/contacts?limit=300`, har: JSON.parse(readFileSync(file, 'utf8')) };
}

describe('HAR exports replay in a real consumer', () => {
  it('keeps full bodies, with content.size equal to the bytes of text', async () => {
    const { har } = await recordHar();
    const entry = har.log.entries.find((e: { request: { url: string } }) => e.request.url.includes('/contacts'));
    const text = entry.response.content.text as string;
    expect(JSON.parse(text).results).toHaveLength(300);
    expect(entry.response.content.size).toBe(Buffer.byteLength(text));
    expect(entry.response.content.comment).toBeUndefined();
  });

  it('declares a body cut at the cap in the comment field and keeps size consistent with text', async () => {
    const { har } = await recordHar(4096);
    const entry = har.log.entries.find((e: { request: { url: string } }) => e.request.url.includes('/contacts'));
    const content = entry.response.content;
    expect(content.text).not.toMatch(/truncated \d+ chars/);
    expect(content.size).toBe(Buffer.byteLength(content.text));
    expect(content.comment).toMatch(/^Body truncated by Patchbay to 4096 of \d+ characters/);
    expect(entry.response.bodySize).toBeGreaterThan(content.size);
  });

  it("serves valid JSON when replayed by Playwright's routeFromHAR in Chromium", async () => {
    const { file, url } = await recordHar();
    const browser = await chromium.launch({
      // Debian's Chromium here; PATCHBAY_CHROMIUM points at another build (as in the e2e harness).
      executablePath: process.env.PATCHBAY_CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
    });
    cleanups.push(() => browser.close());
    const context = await browser.newContext();
    // The recording server is closed: only the HAR can answer, and anything not in it fails.
    await context.routeFromHAR(file, { notFound: 'abort' });
    const page = await context.newPage();
    const response = await page.goto(url);
    expect(response?.status()).toBe(200);
    const body = (await response!.json()) as { results: { id: string }[] };
    expect(body.results).toHaveLength(300);
    expect(body.results.at(-1)!.id).toBe('300');
  });
});
