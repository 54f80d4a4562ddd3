import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { _electron as electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/tmp';
import { errorMessage } from '../../shared/error-message';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Path of the Electron binary, or why there is none (ELECTRON_SKIP_BINARY_DOWNLOAD installs). */
function electronBinary(): { path?: string; reason?: string } {
  try {
    // The package's main export is the binary's path (a string) when the binary was downloaded.
    const path: unknown = createRequire(import.meta.url)('electron');
    if (typeof path === 'string' && existsSync(path)) return { path };
    return { reason: `the electron package points at ${String(path)}, which does not exist` };
  } catch (error) {
    return { reason: errorMessage(error).split('\n')[0] };
  }
}

const binary = electronBinary();
if (!binary.path)
  console.log(`[electron smoke] skipped: the Electron binary is not installed here (${binary.reason}).`);

describe('Electron app smoke test', () => {
  it.skipIf(!binary.path)('opens the main window with the hardened preferences and the typed bridge', async () => {
    if (!existsSync(`${root}out/main/index.js`)) throw new Error('run `npm run build:app` first');
    const tmp = makeTempDir();
    const app = await electron.launch({
      executablePath: binary.path,
      args: [root],
      env: { ...process.env, PATCHBAY_DATA_DIR: tmp.dir },
    });
    try {
      const window = await app.firstWindow();
      await window.waitForSelector('[data-testid="page-connections"]');
      const bridge = await window.evaluate(() => ({
        hasApi: typeof Reflect.get(globalThis, 'patchbay') === 'object',
        hasRequire: typeof Reflect.get(globalThis, 'require') !== 'undefined',
        hasProcess: typeof Reflect.get(globalThis, 'process') !== 'undefined',
      }));
      expect(bridge).toEqual({ hasApi: true, hasRequire: false, hasProcess: false });
      const info = await window.evaluate(() =>
        (globalThis as typeof globalThis & { patchbay: { app: { info(): Promise<unknown> } } }).patchbay.app.info(),
      );
      expect(info).toMatchObject({ ok: true, value: { name: 'Patchbay', dataDir: tmp.dir } });
    } finally {
      await app.close();
      tmp.cleanup();
    }
  });
});
