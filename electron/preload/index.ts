import { contextBridge, ipcRenderer } from 'electron';
import { buildContractApi } from '../../shared/contract/api';

/**
 * Exposes `window.patchbay`: one named method per contract channel and typed event subscriptions
 * that return an unsubscribe function. ipcRenderer itself never reaches the page.
 */
const api = buildContractApi(
  (channel, input) => ipcRenderer.invoke(channel, input),
  (event, listener) => {
    const wrapped = (_e: Electron.IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(`event:${event}`, wrapped);
    return () => ipcRenderer.removeListener(`event:${event}`, wrapped);
  },
);

contextBridge.exposeInMainWorld('patchbay', api);
