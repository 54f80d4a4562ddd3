import { AccountingSandbox, XERO_API } from './accounting/server';
import { BillingSandbox } from './billing/server';
import { parseFaults, type FaultSpec } from './common/faults';
import type { SandboxServer } from './common/http-server';
import { loadSnapshot, saveSnapshot } from './common/snapshot';
import { makeCredentials, type CredentialOverrides, type SandboxCredentials } from './credentials';
import { CrmSandbox } from './crm/server';
import { RatesSandbox } from './rates/server';
import { ShopSandbox } from './shop/server';
import { WMS_PATH, WmsSandbox } from './wms/server';

export type { SandboxCredentials } from './credentials';
export { parseFaults, formatFaults } from './common/faults';
export { CrmSandbox } from './crm/server';
export { BillingSandbox } from './billing/server';
export { ShopSandbox } from './shop/server';
export { WmsSandbox, WMS_PATH } from './wms/server';
export { RatesSandbox } from './rates/server';
export { AccountingSandbox, XERO_API } from './accounting/server';

export type SandboxName = 'crm' | 'billing' | 'shop' | 'wms' | 'rates' | 'accounting';
export const SANDBOX_NAMES: readonly SandboxName[] = ['crm', 'billing', 'shop', 'wms', 'rates', 'accounting'];

export interface SandboxSizes {
  contacts?: number;
  companies?: number;
  customers?: number;
  invoices?: number;
  orders?: number;
  products?: number;
  shipments?: number;
  /** The accounting (Xero) organisation's contacts, invoices and items. */
  accountingContacts?: number;
  accountingInvoices?: number;
  accountingItems?: number;
}

export interface SandboxOptions {
  /** 0 / undefined = a random free port per server; N = crm N, billing N+1, shop N+2, wms N+3, rates N+4, accounting N+5. */
  port?: number;
  /** Always loopback unless a caller deliberately passes another address. */
  host?: string;
  /** `--faults` spec (see common/faults.ts) applied to every server, or a parsed spec. */
  faults?: string | FaultSpec;
  seed?: number;
  sizes?: SandboxSizes;
  credentials?: CredentialOverrides;
  /** Enforce the modelled rate limits (default true); benchmarks of raw throughput pass false. */
  rateLimits?: boolean;
  limits?: {
    crm?: { max: number; windowMs: number };
    billing?: { max: number; windowMs: number };
    shop?: { size: number; leakPerS: number };
  };
  /** "Today" for the rates feeds (YYYY-MM-DD). */
  ratesAsOf?: string;
  /**
   * Keep what clients wrote to the CRM and billing in `<stateDir>/sandbox-state.json`: loaded on
   * start, saved on stop (the demo workspace across `patchbay demo` runs). Unset = memory only.
   */
  stateDir?: string;
}

export interface Sandbox {
  /** Base URL of each server (each also serves its control API under /__sandbox). */
  urls: Record<SandboxName, string>;
  /** Ready-to-use API roots: the Shopify versioned root, the SOAP endpoint and its WSDL, the ECB daily feed. */
  endpoints: {
    shopApi: string;
    wmsEndpoint: string;
    wsdl: string;
    ratesDaily: string;
    ratesHist: string;
    /** The Xero Accounting API root (`/api.xro/2.0`); `/connections` is on the server's origin. */
    accountingApi: string;
  };
  credentials: SandboxCredentials;
  seed: number;
  servers: {
    crm: CrmSandbox;
    billing: BillingSandbox;
    shop: ShopSandbox;
    wms: WmsSandbox;
    rates: RatesSandbox;
    accounting: AccountingSandbox;
  };
  /** Written rows were loaded from `stateDir` (a previous run's state). */
  restored: boolean;
  stop(): Promise<void>;
}

export const DEFAULT_SEED = 20240611;

/**
 * Starts the six sandbox servers, one port each: each mimics one real host, so base URLs,
 * rate limits, request logs and outages stay independent, exactly as with the real services.
 */
export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const seed = (opts.seed ?? DEFAULT_SEED) >>> 0;
  const faults = typeof opts.faults === 'string' || opts.faults === undefined ? parseFaults(opts.faults) : opts.faults;
  const credentials = makeCredentials(opts.credentials);
  const s = opts.sizes ?? {};
  const common = { seed, faults, rateLimits: opts.rateLimits ?? true };
  const servers = {
    crm: new CrmSandbox({
      ...common,
      token: credentials.crm.accessToken,
      sizes: { contacts: s.contacts, companies: s.companies },
      limit: opts.limits?.crm,
    }),
    billing: new BillingSandbox({
      ...common,
      secretKey: credentials.billing.secretKey,
      sizes: { customers: s.customers, invoices: s.invoices },
      limit: opts.limits?.billing,
    }),
    shop: new ShopSandbox({
      ...common,
      accessToken: credentials.shop.accessToken,
      webhookSecret: credentials.shop.webhookSecret,
      standardWebhookSecret: credentials.shop.standardWebhookSecret,
      sizes: { orders: s.orders, products: s.products },
      bucket: opts.limits?.shop,
    }),
    wms: new WmsSandbox({
      ...common,
      username: credentials.wms.username,
      password: credentials.wms.password,
      sizes: { shipments: s.shipments },
    }),
    rates: new RatesSandbox({ ...common, asOf: opts.ratesAsOf }),
    accounting: new AccountingSandbox({
      ...common,
      ...credentials.accounting,
      sizes: { contacts: s.accountingContacts, invoices: s.accountingInvoices, items: s.accountingItems },
    }),
  };
  const restored = opts.stateDir ? loadSnapshot(opts.stateDir, seed, servers) : false;
  const started: SandboxServer[] = [];
  try {
    for (const [k, name] of SANDBOX_NAMES.entries()) {
      await servers[name].start(opts.port ? opts.port + k : 0, opts.host ?? '127.0.0.1');
      started.push(servers[name]);
    }
  } catch (e) {
    await Promise.all(started.map((x) => x.stop()));
    throw e;
  }
  const urls = Object.fromEntries(SANDBOX_NAMES.map((n) => [n, servers[n].url])) as Record<SandboxName, string>;
  return {
    urls,
    endpoints: {
      shopApi: `${urls.shop}/admin/api/2024-10`,
      wmsEndpoint: `${urls.wms}${WMS_PATH}`,
      wsdl: `${urls.wms}${WMS_PATH}?wsdl`,
      ratesDaily: `${urls.rates}/stats/eurofxref/eurofxref-daily.xml`,
      ratesHist: `${urls.rates}/stats/eurofxref/eurofxref-hist.xml`,
      accountingApi: `${urls.accounting}${XERO_API}`,
    },
    credentials,
    seed,
    servers,
    restored,
    stop: async () => {
      await Promise.all(Object.values(servers).map((x) => x.stop()));
      if (opts.stateDir) saveSnapshot(opts.stateDir, seed, servers);
    },
  };
}
