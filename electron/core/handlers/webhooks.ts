import { randomBytes } from 'node:crypto';
import { networkInterfaces } from 'node:os';
import { AppError } from '../../../shared/errors';
import type { ListenerStatus } from '../../../shared/contract/webhooks';
import type { Core } from '../create-core';
import type { HandlerTable } from '../ipc/dispatch';

type WebhookChannel = Extract<keyof HandlerTable, `webhooks:${string}`>;
type WebhookHandlers = Pick<HandlerTable, WebhookChannel>;

/** An id from the name ("Shop orders" → "shop-orders-3f9a"): ids are keychain accounts, so no "/". */
function idFrom(name: string): string {
  const slug = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `${slug || 'endpoint'}-${randomBytes(2).toString('hex')}`;
}

/** Where other machines can reach the listener when LAN access is on (the bind address 0.0.0.0 is not one). */
function lanUrls(port: number): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((a) => a && a.family === 'IPv4' && !a.internal)
    .map((a) => `http://${a!.address}:${port}`);
}

/** Webhooks over core.webhooks: endpoints, secrets (write-only), listener, feed, outbox, replay, catch-up. */
export function webhookHandlers(core: Core): WebhookHandlers {
  const service = core.webhooks;
  const view = async (id: string) => {
    const found = (await service.listEndpoints()).find((e) => e.id === id);
    if (!found) throw new AppError('not_found', `No webhook endpoint "${id}".`, { id });
    return found;
  };
  const status = (): ListenerStatus => {
    const address = service.listenerAddress();
    const prefs = core.preferences.get();
    return {
      running: address !== null,
      url: address?.url ?? null,
      port: address?.port ?? null,
      configuredPort: prefs.webhookPort,
      allowLan: prefs.webhookBindLan,
      lanUrls: address && prefs.webhookBindLan ? lanUrls(address.port) : [],
      problem: service.listenerProblem(),
    };
  };
  return {
    'webhooks:endpoints': () => service.listEndpoints(),
    'webhooks:saveEndpoint': async ({ id, flowId, catchUpId, ...rest }) => {
      const saved = service.saveEndpoint({
        ...rest,
        id: id ?? idFrom(rest.name),
        ...(flowId ? { flowId } : {}),
        ...(catchUpId ? { catchUpId } : {}),
      });
      return view(saved.id);
    },
    'webhooks:removeEndpoint': async ({ id }) => ({ removed: await service.removeEndpoint(id) }),
    'webhooks:setSecret': async ({ id, secret }) => {
      await service.setSecret(id, secret);
      return { set: true as const };
    },
    'webhooks:sendTestEvent': ({ id }) => service.sendTestEvent(id),
    'webhooks:targets': () => service.listTargets(),
    'webhooks:saveTarget': async (input) => {
      const saved = service.saveTarget(input);
      return (await service.listTargets()).find((t) => t.id === saved.id)!;
    },
    'webhooks:removeTarget': async ({ id }) => ({ removed: await service.removeTarget(id) }),
    'webhooks:listener': async ({ action, port, allowLan }) => {
      if (port !== undefined || allowLan !== undefined)
        core.preferences.update({
          ...(port !== undefined ? { webhookPort: port } : {}),
          ...(allowLan !== undefined ? { webhookBindLan: allowLan } : {}),
        });
      if (action === 'stop' || action === 'restart') await service.stopListener();
      if (action === 'start' || action === 'restart') await service.startListener();
      return status();
    },
    'webhooks:events': ({ limit, endpointId, beforeSeq }) => service.recentEvents({ limit, endpointId, beforeSeq }),
    'webhooks:outbox': (query) => ({ items: service.outbox(query), counts: service.outboxCounts() }),
    'webhooks:delivery': ({ id }) => service.delivery(id),
    'webhooks:attempts': ({ id }) => {
      service.delivery(id); // not_found for an unknown id rather than an empty history
      return service.attempts(id);
    },
    'webhooks:editPayload': ({ id, payload }) => service.editPayload(id, payload),
    'webhooks:replay': ({ ids }) => service.replay(ids),
    'webhooks:catchUp': ({ endpointId }) => service.catchUp(endpointId),
  };
}
