import { app, BrowserWindow, dialog, Notification, shell } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRuntimeCore } from '../core/runtime';
import { isSafeExternalUrl } from '../core/security/urls';
import { createHandlers } from '../core/handlers';
import { registerIpcRouter } from './ipc-router';
import { installAppMenu } from './menu';
import { hardenAllWebContents, hardenSession } from './security';
import { openElectronStore } from './settings-store';
import { createTray } from './tray';
import { createMainWindow } from './window';

/**
 * The thin Electron shell: lifecycle, one window, tray, menu, security handlers and the IPC router.
 * All behaviour lives in electron/core, built by createRuntimeCore() exactly as the CLI builds it.
 */
const here = fileURLToPath(new URL('.', import.meta.url));
const assets = app.isPackaged ? join(process.resourcesPath, 'assets') : join(here, '../../assets');
const dev = !app.isPackaged;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let mainWindow: BrowserWindow | undefined;
  let quitting = false;

  const showWindow = () => {
    if (!mainWindow || mainWindow.isDestroyed()) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  };

  app.on('second-instance', showWindow);
  hardenAllWebContents();

  void app
    .whenReady()
    .then(async () => {
      hardenSession();
      const dataDir = process.env.PATCHBAY_DATA_DIR ?? app.getPath('userData');
      const core = await createRuntimeCore({
        dataDir,
        openSettings: openElectronStore,
        runtimeVersions: {
          electron: process.versions.electron,
          chrome: process.versions.chrome,
        },
        dev,
        openExternal: (url) => {
          if (isSafeExternalUrl(url)) void shell.openExternal(url);
        },
        // Exports go where the user says, through the native dialog; the renderer never picks a path itself.
        chooseSavePath: async ({ suggestedName, filters }) => {
          const options = { defaultPath: suggestedName, filters };
          const result = mainWindow
            ? await dialog.showSaveDialog(mainWindow, options)
            : await dialog.showSaveDialog(options);
          return result.canceled ? null : (result.filePath ?? null);
        },
        // Workspace folders likewise come from the native dialog only.
        chooseFolder: async ({ purpose }) => {
          const options = {
            title: purpose === 'export' ? 'Export the workspace to a folder' : 'Apply workspace files from a folder',
            properties: ['openDirectory', 'createDirectory'] as ('openDirectory' | 'createDirectory')[],
          };
          const result = mainWindow
            ? await dialog.showOpenDialog(mainWindow, options)
            : await dialog.showOpenDialog(options);
          return result.canceled ? null : (result.filePaths[0] ?? null);
        },
        // The demo and its sandbox tools are a separate chunk, read from disk only when the demo is used.
        demo: async (core) => (await import('../demo')).createDemoTools(core),
        notify: ({ title, body }) => {
          if (Notification.isSupported()) new Notification({ title, body }).show();
        },
      });
      const handlers = createHandlers(core);
      // The router exists before the page can call it.
      registerIpcRouter({
        handlers,
        fileGrants: core.fileGrants,
        getWindow: () => mainWindow,
        log: core.log,
        dev,
      });
      core.events.onAny((event, payload) => {
        if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(`event:${event}`, payload);
      });

      mainWindow = createMainWindow(core.settings, join(assets, 'icon.png'));
      // Closing the window keeps the app in the tray so schedules keep running.
      mainWindow.on('close', (event) => {
        if (!quitting) {
          event.preventDefault();
          mainWindow?.hide();
        }
      });
      installAppMenu({
        docsUrl: 'https://github.com/patchbay-app/patchbay#readme',
        openDataFolder: () => void shell.openPath(dataDir),
      });
      createTray(join(assets, 'tray.png'), {
        open: showWindow,
        quit: () => {
          quitting = true;
          app.quit();
        },
      });
      // Quit waits for core to close (SQLite flushed, listener and demo tools stopped, demo state saved);
      // a second Quit meanwhile waits for the same close.
      let closing: Promise<void> | undefined;
      let closed = false;
      app.on('before-quit', (event) => {
        quitting = true;
        if (closed) return;
        event.preventDefault();
        closing ??= core.close().finally(() => {
          closed = true;
          app.quit();
        });
      });
      // Schedulers, webhook listener, start-up checks, demo tools: after the window, never blocking it.
      void core.startServices();
    })
    .catch((error: Error) => {
      // Without a core there is no window and no tray: say why instead of lingering invisibly.
      dialog.showErrorBox('Patchbay could not start', error.message);
      app.exit(1);
    });

  app.on('activate', showWindow);
  app.on('window-all-closed', () => {
    // Stay alive in the tray on every platform; Quit is explicit.
  });
}
