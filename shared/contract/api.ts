import { buildApi, type Invoke, type PatchbayApi, type Subscribe } from './bridge';
import { contract, events } from './index';

/**
 * `window.patchbay` for a transport: one method per contract channel and the typed event
 * subscriptions. The Electron preload (ipcRenderer) and browser mode's page bridge (HTTP + SSE) both
 * build it here, so the two transports expose exactly the same surface.
 */
export function buildContractApi(invoke: Invoke, subscribe: Subscribe): PatchbayApi {
  return buildApi(Object.keys(contract), Object.keys(events), invoke, subscribe);
}
