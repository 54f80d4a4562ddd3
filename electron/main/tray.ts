import { Menu, Tray, nativeImage } from 'electron';

/** Tray icon with Open and Quit: the tray keeps schedules running while the window is closed. */
export function createTray(iconPath: string, actions: { open: () => void; quit: () => void }): Tray {
  const tray = new Tray(nativeImage.createFromPath(iconPath));
  tray.setToolTip('Patchbay');
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: 'Open Patchbay', click: actions.open },
      { type: 'separator' },
      { label: 'Quit', click: actions.quit },
    ]),
  );
  tray.on('click', actions.open);
  return tray;
}
