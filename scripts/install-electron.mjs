// `npm install`'s postinstall: fetch the Electron binary if this machine can, and never fail the install
// when it cannot (a server, a container, a locked-down laptop). npm does not run electron's own download
// step (package.json `allowScripts` denies it; npm 11 reads that policy), so the one attempt is made
// here and a failure is said once. Without the binary, `npm start` runs Patchbay in the browser.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

function electronDir() {
  try {
    return dirname(require.resolve('electron/package.json'));
  } catch {
    return undefined;
  }
}

const dir = electronDir();
if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  // Asked not to download: nothing to say.
} else if (!dir || !existsSync(join(dir, 'install.js'))) {
  console.log('Patchbay: the electron package is not installed; `npm start` will open Patchbay in your browser.');
} else {
  const run = spawnSync(process.execPath, [join(dir, 'install.js')], {
    cwd: dir,
    encoding: 'utf8',
    timeout: Number(process.env.PATCHBAY_ELECTRON_DOWNLOAD_TIMEOUT_MS ?? 300_000),
  });
  if (run.status === 0) {
    console.log('Patchbay: the Electron binary is installed; `npm start` opens the window.');
  } else {
    const reason =
      (run.stderr || run.stdout || run.error?.message || 'no output')
        .split('\n')
        .map((line) => line.trim())
        .find((line) => /error|failed|ENOTFOUND|ECONN|timed out/i.test(line)) ?? `exit code ${run.status}`;
    console.log(
      `Patchbay: the Electron binary could not be downloaded (${reason}). That is fine: \`npm start\` opens ` +
        'Patchbay in your browser instead. To get the desktop window later: `npm run install:electron`.',
    );
  }
}
