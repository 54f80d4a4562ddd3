import { Menu, shell, type MenuItemConstructorOptions } from 'electron';

/** The app menu: standard roles (so copy/paste and shortcuts work) plus Help links. */
export function installAppMenu(opts: { docsUrl: string; openDataFolder: () => void }): void {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Open data folder', click: opts.openDataFolder },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ label: 'Documentation', click: () => void shell.openExternal(opts.docsUrl) }] },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
