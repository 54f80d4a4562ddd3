import { describe, expect, it } from 'vitest';
import {
  devServerUrl,
  mainWindowWebPreferences,
  permissionAllowed,
  rendererSource,
  windowOpenDecision,
} from '../../../electron/main/shell-policy';

/** The Electron shell's security settings, checked here because the binary cannot run on this machine. */
const release = { packaged: true, env: { ELECTRON_RENDERER_URL: 'http://evil.example:5173' } };
const development = { packaged: false, env: { ELECTRON_RENDERER_URL: 'http://localhost:5173' } };

describe('Electron shell policy', () => {
  it('runs the page sandboxed and isolated, without Node, webviews or insecure content', () => {
    for (const mode of [release, development]) {
      const prefs = mainWindowWebPreferences('/app/out/preload/index.cjs', mode);
      expect(prefs).toMatchObject({
        preload: '/app/out/preload/index.cjs',
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
      });
    }
  });

  it('has DevTools in development only', () => {
    expect(mainWindowWebPreferences('p', release).devTools).toBe(false);
    expect(mainWindowWebPreferences('p', development).devTools).toBe(true);
  });

  it('honours ELECTRON_RENDERER_URL only when unpackaged', () => {
    expect(devServerUrl(release)).toBeUndefined();
    expect(rendererSource('/app/out/main', release)).toEqual({ file: '/app/out/renderer/index.html' });
    expect(devServerUrl(development)).toBe('http://localhost:5173');
    expect(rendererSource('/app/out/main', development)).toEqual({ url: 'http://localhost:5173' });
    expect(rendererSource('/app/out/main', { packaged: false, env: {} })).toEqual({
      file: '/app/out/renderer/index.html',
    });
  });

  it('never opens a window: web links go to the system browser, anything else nowhere', () => {
    expect(windowOpenDecision('https://docs.example.com/help')).toEqual({ action: 'deny', openExternally: true });
    for (const url of [
      'http://example.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'patchbay://x',
      'https://user:pw@example.com/',
    ])
      expect(windowOpenDecision(url), url).toEqual({ action: 'deny', openExternally: false });
  });

  it('denies every permission a page can ask for', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen'])
      expect(permissionAllowed(permission), permission).toBe(false);
  });
});
