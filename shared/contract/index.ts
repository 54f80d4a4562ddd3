import type { z } from 'zod';
import { appChannels, appEvents } from './app';
import { demoChannels } from './demo';
import { connectionsChannels, connectionsEvents } from './connections';
import { connectorsChannels } from './connectors';
import { datasetsChannels, datasetsEvents } from './datasets';
import type { ChannelSpec } from './define';
import { healthChannels, healthEvents } from './health';
import { logsChannels, logsEvents } from './logs';
import { mappingsChannels } from './mappings';
import { syncsChannels, syncsEvents } from './syncs';
import { webhooksChannels, webhooksEvents } from './webhooks';
import { workspaceChannels } from './workspace';

/**
 * The whole IPC contract: every channel's input and output schema, every pushed event's payload.
 * Feature slices add their `<feature>Channels` / `<feature>Events` objects here. Types are inferred
 * from the schemas, so the preload, the router, the handlers and the renderer cannot drift apart.
 */
export const contract = {
  ...appChannels,
  ...demoChannels,
  ...connectionsChannels,
  ...connectorsChannels,
  ...datasetsChannels,
  ...healthChannels,
  ...logsChannels,
  ...mappingsChannels,
  ...syncsChannels,
  ...webhooksChannels,
  ...workspaceChannels,
} satisfies Record<string, ChannelSpec>;

export const events = {
  ...appEvents,
  ...connectionsEvents,
  ...datasetsEvents,
  ...healthEvents,
  ...logsEvents,
  ...syncsEvents,
  ...webhooksEvents,
} satisfies Record<string, z.ZodType>;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
export type ChannelParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}
