import { ConnectorCatalog, memoryConnectorStore } from '../../../electron/core/connectors/catalog';
import { ConnectorClient } from '../../../electron/core/connectors/client';
import {
  connectorSource,
  DatasetService,
  memoryDefinitionStore,
  type SourceOpener,
} from '../../../electron/core/datasets';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../electron/sandbox';
import { makeTempDir } from '../../helpers/tmp';
import { bearer, headerKey } from '../connectors/test-appliers';

/**
 * A dataset service over the real sandbox servers: real HTTP through the connector runtime, real
 * SQLite in a temp data dir. Connection ids are the sandbox names.
 */
export interface DatasetEnv {
  sb: Sandbox;
  service: DatasetService;
  dataDir: string;
  close(): Promise<void>;
}

/** The ECB history feed as a resource (the catalog may only list the daily and 90-day feeds). */
export async function sandboxClients(sb: Sandbox): Promise<Record<'shop' | 'billing' | 'rates', ConnectorClient>> {
  const catalog = await ConnectorCatalog.open(memoryConnectorStore());
  const fast = { rateLimits: { requestsPerSecond: 1000, burst: 100, maxConcurrency: 4 } };
  return {
    shop: new ConnectorClient(
      catalog.get('shop-shopify'),
      { baseUrl: sb.endpoints.shopApi },
      headerKey('X-Shopify-Access-Token', sb.credentials.shop.accessToken),
      undefined,
      fast,
    ),
    billing: new ConnectorClient(
      catalog.get('billing-stripe'),
      { baseUrl: sb.urls.billing },
      bearer(sb.credentials.billing.secretKey),
      undefined,
      fast,
    ),
    rates: new ConnectorClient(catalog.get('rates-ecb'), { baseUrl: sb.urls.rates }, undefined, undefined, fast),
  };
}

export function clientOpener(clients: Record<string, ConnectorClient>): SourceOpener {
  return async (connectionId, resource) => {
    const client = clients[connectionId];
    if (!client) throw new Error(`test env: no connection ${connectionId}`);
    return connectorSource(client, resource);
  };
}

export async function startDatasetEnv(options: SandboxOptions & { histStart?: string } = {}): Promise<DatasetEnv> {
  const sb = await startSandbox({ rateLimits: false, ...options });
  // A short history keeps the XML small; the sandbox's records start on 2022-01-01.
  sb.servers.rates.histStart = options.histStart ?? '2021-11-01';
  sb.servers.rates.resetStore({});
  const tmp = makeTempDir('patchbay-datasets-');
  const service = new DatasetService({
    dataDir: tmp.dir,
    definitions: memoryDefinitionStore(),
    openSource: clientOpener(await sandboxClients(sb)),
  });
  return {
    sb,
    service,
    dataDir: tmp.dir,
    async close() {
      service.close();
      await sb.stop();
      tmp.cleanup();
    },
  };
}
