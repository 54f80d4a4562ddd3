import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';

// One build tool for the three Electron targets: main (ESM, Node), preload (CommonJS, because a
// sandboxed preload cannot load ES modules) and the renderer (the same Vite setup e2e tests use).
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      externalizeDeps: true,
      rollupOptions: {
        // The sync worker is an entry of its own, next to index.js, where the runner looks for it
        // (`./sync-worker.mjs` beside its own file): without it a built app could not run a sync.
        input: {
          index: resolve('electron/main/index.ts'),
          'sync-worker': resolve('electron/core/sync/worker-entry.ts'),
        },
        output: { entryFileNames: (chunk) => (chunk.name === 'sync-worker' ? '[name].mjs' : '[name].js') },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can only require('electron'): bundle everything else (zod, the contract).
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('renderer'),
    base: './',
    plugins: [react()],
    build: { outDir: 'out/renderer', rollupOptions: { input: resolve('renderer/index.html') } },
  },
});
