/**
 * Stands in for the `electron` module inside the REAL preload script (electron/preload/index.ts),
 * which the e2e harness bundles into the page. Only the two things the preload uses exist:
 * contextBridge.exposeInMainWorld and ipcRenderer.invoke/on/removeListener, routed to Playwright
 * bindings that reach the real core in the test process. (The Electron binary cannot run here.)
 */
type Listener = (event: unknown, payload: unknown) => void;
const listeners = new Map<string, Set<Listener>>();

declare global {
  interface Window {
    __patchbayInvoke(channel: string, payload: unknown): Promise<unknown>;
    __patchbayEmit(channel: string, payload: unknown): void;
  }
}

window.__patchbayEmit = (channel, payload) => {
  listeners.get(channel)?.forEach((listener) => listener({}, payload));
};

export const ipcRenderer = {
  invoke: (channel: string, payload: unknown) => window.__patchbayInvoke(channel, payload),
  on(channel: string, listener: Listener) {
    if (!listeners.has(channel)) listeners.set(channel, new Set());
    listeners.get(channel)!.add(listener);
  },
  removeListener(channel: string, listener: Listener) {
    listeners.get(channel)?.delete(listener);
  },
};

export const contextBridge = {
  exposeInMainWorld(name: string, value: unknown) {
    Object.defineProperty(window, name, { value: Object.freeze(value), writable: false, configurable: false });
  },
};
