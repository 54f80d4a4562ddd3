/**
 * URL checks used by the Electron shell's security handlers. Pure so they are unit tested here,
 * where the Electron binary cannot run.
 */

/** This computer: an OAuth sign-in's loopback redirect or a local tool, the only plain-http addresses opened. */
function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/**
 * Only web links leave the app, to the system browser: https, or plain http to this computer (where
 * nothing can be read off the wire); no file:, javascript:, custom schemes or credentials in the URL.
 */
export function isSafeExternalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) return false;
  if (url.username || url.password) return false;
  return url.hostname.length > 0;
}

/**
 * IPC is accepted only from our own window's main frame showing our own page: the packaged
 * file:// index.html, or the dev server origin in development.
 */
export function isTrustedRendererUrl(raw: string, devServerUrl?: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (devServerUrl) {
    try {
      return url.origin === new URL(devServerUrl).origin;
    } catch {
      return false;
    }
  }
  return url.protocol === 'file:' && url.pathname.endsWith('/renderer/index.html');
}
