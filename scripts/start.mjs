// `npm start`: the desktop window where the Electron binary is installed; otherwise browser mode —
// the same app served by the same core on 127.0.0.1 and opened in the default browser.
// Arguments after `--` go to browser mode (`npm start -- --no-open --port 4100`).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);

function electronBinary() {
  try {
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

/** Newest modification time under the given folders (the renderer's sources). */
function newest(dirs) {
  let latest = 0;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules') continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else latest = Math.max(latest, statSync(path).mtimeMs);
    }
  };
  dirs.filter((d) => existsSync(d)).forEach(walk);
  return latest;
}

const run = (command, argv) => spawnSync(command, argv, { stdio: 'inherit', shell: process.platform === 'win32' });

const electron = electronBinary();
if (electron) {
  const build = run('npx', ['electron-vite', 'build']);
  if (build.status !== 0) process.exit(build.status ?? 1);
  const app = run(electron, ['.']);
  process.exit(app.status ?? 0);
}

console.log('Patchbay: no Electron binary here, so the app opens in your browser (browser mode).');
const built = ['out/renderer/index.html', 'out/browser-bridge/bridge.js'];
const builtAt = Math.min(...built.map((f) => (existsSync(f) ? statSync(f).mtimeMs : 0)));
if (builtAt < newest(['renderer', 'shared'])) {
  const build = run('npm', ['run', 'build:renderer', '--silent']);
  if (build.status !== 0) process.exit(build.status ?? 1);
}
// Ctrl+C reaches browser mode too, which shuts down cleanly; this launcher then exits with its code.
process.on('SIGINT', () => {});
const ui = spawnSync(process.execPath, ['bin/patchbay.mjs', 'ui', ...args], { stdio: 'inherit' });
process.exit(ui.status ?? 1);
