import type { CallEvent } from '../../../shared/models/call-event';
import type { Connection } from '../../../shared/models/connection';
import type { AuthApplier } from '../auth/types';
import type { ConnectionService } from '../connections';
import type { ConnectorCatalog } from '../connectors/catalog';
import { ConnectorClient, type ClientOptions } from '../connectors/client';
import { systemClock } from '../connectors/http/clock';
import { HostLimiters } from '../rate-limit/host-limiter';
import type { LogStore } from '../logs';
import { APP_VERSION } from '../version';

export interface ClientContext {
  runId?: string;
  syncId?: string;
  /** Extra runtime options (timeouts, retry policy) for this use. */
  options?: ClientOptions;
}

/**
 * The one place a ConnectorClient is built for a stored connection: the connection's definition,
 * its AuthApplier (secrets stay in the applier), the integrator identity, one rate limiter per host
 * for the whole process, call events into the log store, and Deprecation/Sunset warnings onto the
 * connection card. Every feature (test, browse, preview, sync, webhooks, datasets) goes through it.
 */
export class ClientFactory {
  private readonly limiters = new HostLimiters(systemClock);

  constructor(
    private readonly deps: {
      connections: ConnectionService;
      catalog: ConnectorCatalog;
      logs: LogStore;
      /** Where call events go besides the log store (the sync worker's batcher, tests). */
      onCall?: (event: CallEvent) => void;
      /** Body bytes kept per call-log entry (the user's setting, read per client). */
      logBodyBytes?: () => number;
    },
  ) {}

  async forConnection(connectionId: string, ctx: ClientContext = {}): Promise<ConnectorClient> {
    const connection = await this.deps.connections.get(connectionId);
    return this.build(connection, await this.deps.connections.applier(connectionId), ctx);
  }

  /** Build from a connection and applier already in hand (the "Test connection" probe has both). */
  build(connection: Connection, applier: AuthApplier, ctx: ClientContext = {}): ConnectorClient {
    const connectionId = connection.id;
    const definition = this.deps.catalog.get(connection.connectorId);
    // Safety net: the store's redactor learns this connection's secrets (in memory only).
    this.deps.logs.redactor.addSecrets(applier.secretValues());
    const onCall = (event: CallEvent) => {
      const enriched = { ...event, runId: event.runId ?? ctx.runId, syncId: event.syncId ?? ctx.syncId };
      this.deps.logs.append(enriched);
      this.deps.onCall?.(enriched);
    };
    return new ConnectorClient(
      definition,
      {
        id: connection.id,
        baseUrl: connection.baseUrl,
        allowedHosts: connection.allowedHosts,
        integrator: connection.integrator,
        apiVersion: connection.apiVersion,
        settings: connection.settings,
      },
      applier,
      onCall,
      {
        appVersion: APP_VERSION,
        limiters: this.limiters,
        logBodyBytes: this.deps.logBodyBytes?.(),
        runId: ctx.runId,
        syncId: ctx.syncId,
        onDeprecation: (notice) => {
          const date = notice.sunset ?? notice.deprecation;
          void this.deps.connections
            .markWarning(connectionId, {
              kind: notice.sunset ? 'sunset' : 'deprecation',
              date: date && !Number.isNaN(Date.parse(date)) ? new Date(date).toISOString() : undefined,
              link: notice.link,
              message: notice.sunset
                ? `${definition.name} announced this API will be switched off.`
                : `${definition.name} marked this API as deprecated.`,
              seenAt: new Date().toISOString(),
            })
            .catch(() => undefined);
        },
        ...ctx.options,
      },
    );
  }
}
