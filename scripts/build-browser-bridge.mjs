// Bundles browser mode's page bridge (renderer/browser-mode/bridge.ts) into out/browser-bridge/bridge.js:
// a classic script, so it runs before the app's module script and defines window.patchbay first.
import { build } from 'esbuild';

await build({
  entryPoints: ['renderer/browser-mode/bridge.ts'],
  outfile: 'out/browser-bridge/bridge.js',
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'chrome120',
  minify: true,
  logLevel: 'warning',
});
