/**
 * The webhook side of the app as a separate process, for the crash test: listener + flows +
 * outbox on a data folder, shop orders → WMS. Run: `node --import tsx tests/helpers/webhook-app.ts`
 * with WEBHOOK_APP='{"dataDir":…,"port":…,"secret":…,"wmsEndpoint":…,"creds":{…},"schedule":[…]}'.
 * Prints "ready <url>" once listening.
 */
import { WebhookService } from '../../electron/core/webhooks';
import { MemoryKeyValueStore, MemorySecrets } from './webhook-memory';
import { orderFlow, wmsTransport } from './webhook-order-flow';

interface AppConfig {
  dataDir: string;
  port: number;
  secret: string;
  wmsEndpoint: string;
  creds: { username: string; password: string };
  schedule?: number[];
}

const config = JSON.parse(process.env.WEBHOOK_APP ?? '{}') as AppConfig;
const secrets = new MemorySecrets();
const service = new WebhookService({
  dataDir: config.dataDir,
  settings: new MemoryKeyValueStore(),
  secrets,
  listener: { port: config.port },
  schedule: config.schedule,
  concurrency: 8,
});
service.saveEndpoint({
  id: 'shop',
  name: 'Shop orders',
  path: '/hooks/shop',
  scheme: { kind: 'shopify' },
  flowId: 'orders',
});
await service.setSecret('shop', config.secret);
service.registerFlow('orders', orderFlow('wms'));
service.registerTarget('wms', wmsTransport(config.wmsEndpoint, config.creds));
await service.start();
process.stdout.write(`ready ${service.listenerAddress()!.url}\n`);
process.on('SIGTERM', () => {
  void service.close().then(() => process.exit(0));
});
