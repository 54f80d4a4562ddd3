import { buildContractApi } from '../../shared/contract/api';
import type { Result } from '../../shared/errors';

/**
 * Browser mode's stand-in for the Electron preload, loaded as a classic script before the app: the
 * same `window.patchbay` (built by the preload's own constructor), carried over HTTP to the local
 * Patchbay server instead of IPC. Calls are `POST /api/call`; events arrive on one EventSource,
 * whose connection also tells the server this tab is open. The session cookie rides along by itself.
 */
type Listener = (payload: unknown) => void;
const listeners = new Map<string, Set<Listener>>();

const transportError = (message: string): Result<unknown> => ({ ok: false, error: { code: 'network', message } });

async function invoke(channel: string, input: unknown): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch('/api/call', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ channel, input }),
      credentials: 'same-origin',
    });
  } catch {
    return transportError('Patchbay is not running any more: start it again (npm start or patchbay ui).');
  }
  const body = (await response.json().catch(() => undefined)) as
    { result?: unknown; download?: { url: string; name: string }; ok?: false; error?: unknown } | undefined;
  if (!body) return transportError(`The Patchbay server answered ${response.status} without a result.`);
  // A refusal by the server itself (no session, foreign origin…) has the same typed shape as a result.
  if (!('result' in body)) return body;
  if (body.download) startDownload(body.download.url, body.download.name);
  return body.result;
}

/** The browser asks where the export goes (or saves it to Downloads), as for any download. */
function startDownload(url: string, name: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
}

function subscribe(event: string, listener: Listener): () => void {
  let set = listeners.get(event);
  if (!set) listeners.set(event, (set = new Set()));
  set.add(listener);
  return () => set.delete(listener);
}

const stream = new EventSource('/api/events');
stream.onmessage = (message: MessageEvent<string>) => {
  let data: { event?: unknown; payload?: unknown };
  try {
    data = JSON.parse(message.data) as typeof data;
  } catch {
    return;
  }
  for (const listener of listeners.get(String(data.event)) ?? []) listener(data.payload);
};

Object.defineProperty(window, 'patchbay', {
  value: Object.freeze(buildContractApi(invoke, subscribe)),
  writable: false,
  configurable: false,
});
