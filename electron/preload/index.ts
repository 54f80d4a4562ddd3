import { contextBridge, ipcRenderer } from 'electron';
import { contract, events } from '../../shared/contract';
import { buildApi } from '../../shared/contract/bridge';

/**
 * Exposes `window.patchbay`: one named method per contract channel and typed event subscriptions
 * that return an unsubscribe function. ipcRenderer itself never reaches the page.
 */
const api = buildApi(
  Object.keys(contract),
  Object.keys(events),
  (channel, input) => ipcRenderer.invoke(channel, input),
  (event, listener) => {
    const wrapped = (_e: Electron.IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(`event:${event}`, wrapped);
    return () => ipcRenderer.removeListener(`event:${event}`, wrapped);
  },
);

contextBridge.exposeInMainWorld('patchbay', api);
