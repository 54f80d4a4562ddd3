import { app, BrowserWindow, screen } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { KeyValueStore } from '../core/settings/store';
import { mainWindowWebPreferences, rendererSource } from './shell-policy';

const here = fileURLToPath(new URL('.', import.meta.url));

const WindowState = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(640).default(1200),
  height: z.number().int().min(480).default(800),
  maximized: z.boolean().default(false),
});

/** The one main window, with the security preferences fixed here and its bounds remembered. */
export function createMainWindow(store: KeyValueStore, iconPath: string): BrowserWindow {
  const mode = { packaged: app.isPackaged, env: process.env };
  const saved = WindowState.safeParse(store.get('windowState') ?? {});
  const state = saved.success ? saved.data : WindowState.parse({});
  const visible =
    state.x !== undefined &&
    state.y !== undefined &&
    screen.getAllDisplays().some((d) => {
      const b = d.workArea;
      return state.x! >= b.x - 50 && state.y! >= b.y - 50 && state.x! < b.x + b.width && state.y! < b.y + b.height;
    });
  const win = new BrowserWindow({
    width: state.width,
    height: state.height,
    ...(visible ? { x: state.x, y: state.y } : {}),
    minWidth: 800,
    minHeight: 560,
    show: false,
    title: 'Patchbay',
    icon: iconPath,
    backgroundColor: '#0f172a',
    webPreferences: mainWindowWebPreferences(join(here, '../preload/index.cjs'), mode),
  });
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  const save = () => {
    if (win.isDestroyed()) return;
    const b = win.getNormalBounds();
    store.set('windowState', { x: b.x, y: b.y, width: b.width, height: b.height, maximized: win.isMaximized() });
  };
  win.on('resize', save);
  win.on('move', save);
  win.on('close', save);

  const source = rendererSource(here, mode);
  if ('url' in source) void win.loadURL(source.url);
  else void win.loadFile(source.file);
  return win;
}
