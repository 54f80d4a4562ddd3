import { z } from 'zod';
import { AppError, parseOrThrow } from '../../../shared/errors';
import {
  ListenerSettings,
  WebhookEndpoint,
  WebhookTarget,
  type ListenerSettingsInput,
  type WebhookEndpointInput,
  type WebhookTargetInput,
} from '../../../shared/models/webhooks';
import type { KeyValueStore } from '../settings/store';

const KEYS = { endpoints: 'webhooks.endpoints', targets: 'webhooks.targets', listener: 'webhooks.listener' } as const;

/**
 * Non-secret webhook configuration in the settings file: endpoints, outgoing targets, listener
 * options. A malformed entry is dropped on read (and reported) rather than breaking the page.
 */
export class WebhookConfigRepository {
  constructor(
    private readonly store: KeyValueStore,
    private readonly warn: (message: string) => void = () => {},
  ) {}

  private readList<T>(key: string, schema: z.ZodType<T>, what: string): T[] {
    const raw = this.store.get(key);
    if (!Array.isArray(raw)) return [];
    const out: T[] = [];
    for (const item of raw) {
      const parsed = schema.safeParse(item);
      if (parsed.success) out.push(parsed.data);
      else
        this.warn(
          `A saved webhook ${what} could not be read and was ignored: ${parsed.error.issues[0]?.message ?? 'invalid'}.`,
        );
    }
    return out;
  }

  endpoints(): WebhookEndpoint[] {
    return this.readList(KEYS.endpoints, WebhookEndpoint, 'endpoint');
  }

  targets(): WebhookTarget[] {
    return this.readList(KEYS.targets, WebhookTarget, 'target');
  }

  listener(): ListenerSettings {
    const parsed = ListenerSettings.safeParse(this.store.get(KEYS.listener) ?? {});
    return parsed.success ? parsed.data : ListenerSettings.parse({});
  }

  saveListener(input: ListenerSettingsInput): ListenerSettings {
    const value = parseOrThrow(ListenerSettings, { ...this.listener(), ...input }, 'listener settings');
    this.store.set(KEYS.listener, value);
    return value;
  }

  saveEndpoint(input: WebhookEndpointInput): WebhookEndpoint {
    const endpoint = parseOrThrow(WebhookEndpoint, input, 'webhook endpoint');
    const all = this.endpoints();
    const clash = all.find((e) => e.path === endpoint.path && e.id !== endpoint.id);
    if (clash)
      throw new AppError(
        'conflict',
        `Path ${endpoint.path} is already used by endpoint "${clash.name}"; choose another path.`,
        { path: endpoint.path },
      );
    this.store.set(KEYS.endpoints, [...all.filter((e) => e.id !== endpoint.id), endpoint]);
    return endpoint;
  }

  removeEndpoint(id: string): boolean {
    const all = this.endpoints();
    this.store.set(
      KEYS.endpoints,
      all.filter((e) => e.id !== id),
    );
    return all.some((e) => e.id === id);
  }

  saveTarget(input: WebhookTargetInput): WebhookTarget {
    const target = parseOrThrow(WebhookTarget, input, 'webhook target');
    this.store.set(KEYS.targets, [...this.targets().filter((t) => t.id !== target.id), target]);
    return target;
  }

  removeTarget(id: string): boolean {
    const all = this.targets();
    this.store.set(
      KEYS.targets,
      all.filter((t) => t.id !== id),
    );
    return all.some((t) => t.id === id);
  }

  disableTarget(id: string, reason: string): void {
    const t = this.targets().find((x) => x.id === id);
    if (t) this.saveTarget({ ...t, disabled: true, disabledReason: reason });
  }
}
