// `npm start`: build and launch the Electron app where its binary exists. On machines where the
// binary could not be downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD), say so and how to use Patchbay
// without a window instead of failing obscurely.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let electronPath;
try {
  electronPath = require('electron');
} catch (error) {
  console.error(`Patchbay: the Electron binary is not installed here (${error.message.split('\n')[0]}).`);
  console.error(
    'Reinstall with internet access (npm install without ELECTRON_SKIP_BINARY_DOWNLOAD) to open the window.',
  );
  console.error(
    'Meanwhile the same core works without a window: npx patchbay --help, npx patchbay doctor, npm run demo.',
  );
  process.exit(1);
}
const build = spawnSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const run = spawnSync(electronPath, ['.'], { stdio: 'inherit' });
process.exit(run.status ?? 0);
