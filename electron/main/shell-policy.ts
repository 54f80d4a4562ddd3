import { join } from 'node:path';
import type { WebPreferences } from 'electron';
import { isSafeExternalUrl } from '../core/security/urls';

/**
 * The Electron shell's security decisions as plain data and functions, with no runtime import of
 * 'electron', so they are unit tested where the binary cannot run; window.ts and security.ts apply them.
 */
export interface ShellMode {
  /** app.isPackaged: a release build. */
  packaged: boolean;
  env: NodeJS.ProcessEnv;
}

/** The main window's web preferences: a sandboxed, isolated page with no Node and, in a release, no DevTools. */
export function mainWindowWebPreferences(preload: string, mode: ShellMode): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    devTools: !mode.packaged,
  };
}

/**
 * The Vite dev server the page may come from: only in an unpackaged run. A release ignores
 * ELECTRON_RENDERER_URL, so an environment variable cannot point the trusted window at another site.
 */
export function devServerUrl(mode: ShellMode): string | undefined {
  return mode.packaged ? undefined : mode.env.ELECTRON_RENDERER_URL || undefined;
}

/** What the window loads: the dev server in development, else the built page next to the main bundle. */
export function rendererSource(mainDir: string, mode: ShellMode): { url: string } | { file: string } {
  const url = devServerUrl(mode);
  return url ? { url } : { file: join(mainDir, '../renderer/index.html') };
}

/** A new window is never opened; a plain web link goes to the system browser instead. */
export function windowOpenDecision(url: string): { action: 'deny'; openExternally: boolean } {
  return { action: 'deny', openExternally: isSafeExternalUrl(url) };
}

/** Camera, microphone, notifications from the page, geolocation…: the app needs none, so every request is denied. */
export function permissionAllowed(_permission: string): false {
  return false;
}
