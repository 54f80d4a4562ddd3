import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/tmp';
import { chromiumPath } from './harness';

/**
 * Browser mode as a user starts it: `npm start` on a machine without the Electron binary, in its own
 * process (core, server and all), then the printed address in Chromium.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const data = makeTempDir('patchbay-ui-');
const env = { ...process.env, PATCHBAY_DATA_DIR: data.dir, BROWSER: 'none' };

function start(command: string, args: string[]): { child: ChildProcess; output: () => string; url: Promise<string> } {
  // Its own process group, so a test can press Ctrl+C the way a terminal does (to the whole group).
  const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  const url = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+\/auth\?token=[\w-]+)/.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`exited with ${code} before printing an address:\n${output}`)));
  });
  return { child, output: () => output, url };
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) =>
    child.exitCode !== null ? resolve(child.exitCode) : child.on('exit', (code) => resolve(code)),
  );

let app: ReturnType<typeof start>;
let browser: Browser;
beforeAll(async () => {
  app = start('npm', ['start', '--silent', '--', '--no-open']);
  browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
});
afterAll(async () => {
  await browser?.close();
  try {
    if (app?.child.pid) process.kill(-app.child.pid, 'SIGKILL');
  } catch {
    // The group has already exited.
  }
  data.cleanup();
});

describe('npm start without Electron', () => {
  it('serves the app on 127.0.0.1 and the printed address opens the Connections page', async () => {
    const url = await app.url;
    expect(app.output()).toContain('no Electron binary here');
    const page = await browser.newPage({ acceptDownloads: true });
    await page.goto(url);
    expect(new URL(page.url()).search).toBe('');
    await page.waitForSelector('[data-testid="page-connections"]');
    expect(await page.locator('h1').first().textContent()).toMatch(/connections/i);
    const info = await page.evaluate(() =>
      (globalThis as typeof globalThis & { patchbay: { app: { info(): Promise<unknown> } } }).patchbay.app.info(),
    );
    expect(info).toMatchObject({ ok: true, value: { dataDir: data.dir } });

    // An export: the host picks a private file, the export writes it, the browser downloads it.
    const download = page.waitForEvent('download');
    const result = await page.evaluate(async () => {
      const api = (
        globalThis as typeof globalThis & {
          patchbay: Record<string, Record<string, (x: unknown) => Promise<unknown>>>;
        }
      ).patchbay;
      const chosen = (await api.app!.chooseSavePath!({
        suggestedName: 'calls',
        filters: [{ name: 'JSONL', extensions: ['jsonl'] }],
        for: 'logs:export',
      })) as {
        value: { path: string };
      };
      return api.logs!.export!({ format: 'jsonl', path: chosen.value.path, filter: {} });
    });
    expect(result).toMatchObject({ ok: true });
    const file = await download;
    expect(file.suggestedFilename()).toBe('calls.jsonl');
    expect(readFileSync((await file.path())!, 'utf8')).toBe('');
    await page.close();
  });

  it('a second start on the same data folder opens the running one instead of a second core', async () => {
    const url = await app.url;
    const second = start(process.execPath, ['bin/patchbay.mjs', 'ui', '--no-open']);
    expect(await second.url).toBe(url);
    expect(await exited(second.child)).toBe(0);
    expect(second.output()).toContain('already running');
  });

  it('stops on Ctrl+C and says so', async () => {
    await app.url;
    process.kill(-app.child.pid!, 'SIGINT');
    // npm itself re-raises the signal it got, so its own exit status is not the app's: the app says it stopped.
    await exited(app.child);
    await expect.poll(() => app.output(), { timeout: 20_000 }).toContain('Stopping Patchbay: Ctrl+C.');
  });
});
