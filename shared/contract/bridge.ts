import type { Result } from '../errors';
import type { Channel, ChannelInput, ChannelOutput, EventName, EventPayload } from './index';

type GroupOf<C> = C extends `${infer G}:${string}` ? G : never;
type MethodOf<C, G extends string> = C extends `${G}:${infer M}` ? M : never;

/** Input is optional when the channel takes an empty object. */
type MethodFn<C extends Channel> =
  {} extends ChannelInput<C>
    ? (input?: ChannelInput<C>) => Promise<Result<ChannelOutput<C>>>
    : (input: ChannelInput<C>) => Promise<Result<ChannelOutput<C>>>;

/**
 * What the renderer sees as `window.patchbay`: one named method per channel, grouped by feature
 * (`patchbay.connections.list()` for `connections:list`), plus typed event subscriptions.
 * There is deliberately no generic `invoke(anyChannel)`.
 */
export type PatchbayApi = {
  [G in GroupOf<Channel>]: { [M in MethodOf<Channel, G>]: MethodFn<`${G}:${M}` & Channel> };
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

export type Invoke = (channel: string, input: unknown) => Promise<unknown>;
export type Subscribe = (event: string, listener: (payload: unknown) => void) => () => void;

/**
 * Build the API object from the channel list. Shared by the Electron preload (ipcRenderer) and
 * the e2e bridge (Playwright exposeBinding), so both expose exactly the same surface.
 */
export function buildApi(
  channels: readonly string[],
  eventNames: readonly string[],
  invoke: Invoke,
  subscribe: Subscribe,
): PatchbayApi {
  const api: Record<string, unknown> = {};
  for (const name of channels) {
    const [group, method] = name.split(':') as [string, string];
    const target = (api[group] ??= {}) as Record<string, unknown>;
    target[method] = (input?: unknown) => invoke(name, input ?? {});
  }
  const known = new Set(eventNames);
  api.on = (event: string, listener: (payload: unknown) => void) => {
    if (!known.has(event)) throw new Error(`Unknown event "${event}"`);
    if (typeof listener !== 'function') throw new Error('listener must be a function');
    return subscribe(event, listener);
  };
  return api as PatchbayApi;
}
