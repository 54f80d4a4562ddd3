import { MappingSaveInput } from '../../shared/contract/mappings';
import { AppError } from '../../shared/errors';
import type { ConnectionCreateInput } from '../../shared/models/connection';
import type { MappingDraft } from '../../shared/models/mapping';
import type { BaseCore as Core } from '../core/create-core';
import { saveDemoDataset } from '../core/demo/port';
import { DEMO_KEY, readDemoState, type DemoConnections, type DemoState } from '../core/demo/state';
import { DEFAULT_SEED, type Sandbox, type SandboxOptions } from '../sandbox';
import type { CredentialOverrides } from '../sandbox/credentials';
import { demoMapping, demoSync } from './mapping';
import { salesOverviewDemo } from './sales-overview';

/** Small enough to finish in seconds under the connectors' default rate limits, big enough to show progress. */
export const DEMO_SIZES: NonNullable<SandboxOptions['sizes']> = {
  contacts: 150,
  companies: 30,
  customers: 40,
  invoices: 300,
  orders: 300,
  shipments: 20,
};
/** The rates history the sales dataset needs (its orders start in 2022); the full ECB history is megabytes. */
export const DEMO_RATES_FROM = '2021-11-01';

type Name = keyof DemoConnections;

function connectionInputs(sb: Sandbox): Record<Name, ConnectionCreateInput> {
  const c = sb.credentials;
  return {
    crm: {
      name: 'Sandbox CRM',
      connectorId: 'crm-hubspot',
      baseUrl: sb.urls.crm,
      authKind: 'bearer',
      authSettings: {},
      secrets: { token: c.crm.accessToken },
    },
    billing: {
      name: 'Sandbox billing',
      connectorId: 'billing-stripe',
      baseUrl: sb.urls.billing,
      authKind: 'bearer',
      authSettings: {},
      secrets: { token: c.billing.secretKey },
    },
    shop: {
      name: 'Sandbox shop',
      connectorId: 'shop-shopify',
      baseUrl: sb.endpoints.shopApi,
      authKind: 'api_key_header',
      authSettings: { headerName: 'X-Shopify-Access-Token' },
      secrets: { apiKey: c.shop.accessToken },
    },
    wms: {
      name: 'Sandbox WMS',
      connectorId: 'wms-soap',
      baseUrl: sb.urls.wms,
      authKind: 'wsse',
      authSettings: { username: c.wms.username, passwordType: 'PasswordDigest' },
      secrets: { password: c.wms.password },
    },
    rates: {
      name: 'Sandbox rates',
      connectorId: 'rates-ecb',
      baseUrl: sb.urls.rates,
      authKind: 'none',
      authSettings: {},
    },
  };
}

/**
 * The sandbox keys of an earlier demo, read back from the keychain (where the demo connections keep
 * them), so the next sandbox accepts the same keys. Undefined on a first run.
 */
export async function demoCredentials(core: Core): Promise<{ seed: number; credentials?: CredentialOverrides }> {
  const state = readDemoState(core.settings);
  if (!state) return { seed: DEFAULT_SEED };
  const get = (name: Name, field: string) =>
    core.secrets.get(state.connections[name], field).then((v) => v ?? undefined);
  const [crm, billing, shop, wmsPassword] = await Promise.all([
    get('crm', 'token'),
    get('billing', 'token'),
    get('shop', 'apiKey'),
    get('wms', 'password'),
  ]);
  const credentials: CredentialOverrides = {};
  if (crm) credentials.crm = { accessToken: crm };
  if (billing) credentials.billing = { secretKey: billing };
  if (shop) credentials.shop = { accessToken: shop };
  if (wmsPassword) credentials.wms = { password: wmsPassword };
  return { seed: state.seed, credentials };
}

/** Reuse the demo's connection (by remembered id, else by name), pointing it at this sandbox's port; else create it. */
async function upsertConnection(
  core: Core,
  rememberedId: string | undefined,
  input: ConnectionCreateInput,
): Promise<string> {
  const all = await core.connections.list();
  const existing =
    all.find((c) => c.id === rememberedId) ??
    all.find((c) => c.name === input.name && c.connectorId === input.connectorId);
  if (!existing) return (await core.connections.create(input)).id;
  if (existing.connectorId !== input.connectorId)
    throw new AppError(
      'conflict',
      `Connection "${existing.name}" is not a ${input.connectorId} connection; rename it so the demo can create its own.`,
    );
  const host = new URL(input.baseUrl).host;
  await core.connections.update({
    id: existing.id,
    baseUrl: input.baseUrl,
    allowedHosts: [host],
    authKind: input.authKind,
    authSettings: input.authSettings,
    secrets: input.secrets,
  });
  return existing.id;
}

const sameContent = (a: MappingDraft, b: ReturnType<typeof MappingSaveInput.parse>) =>
  JSON.stringify([a.source, a.target, a.rules, a.matchKey, a.unmappedRequired, a.schemas]) ===
  JSON.stringify([b.source, b.target, b.rules, b.matchKey, b.unmappedRequired, b.schemas]);

/** Save the demo mapping, or a new version of it only when its content changed (a run records the version). */
async function upsertMapping(
  core: Core,
  rememberedId: string | undefined,
  connections: DemoConnections,
): Promise<string> {
  const {
    id: _id,
    version: _v,
    updatedAt: _u,
    ...content
  } = demoMapping({ crm: connections.crm, billing: connections.billing });
  const input = MappingSaveInput.parse({ ...content, piiAcknowledged: null });
  const current = rememberedId ? await core.mappings.repository.get(rememberedId).catch(() => undefined) : undefined;
  if (current && sameContent(current, input)) return current.id;
  const saved = await core.mappings.service.save({
    ...input,
    ...(current ? { id: current.id, baseVersion: current.version } : {}),
  });
  return saved.mapping.id;
}

export interface DemoWorkspace {
  state: DemoState;
  /** This is the first demo in this data folder. */
  firstRun: boolean;
}

/**
 * The demo workspace on a running sandbox: connections CRM, billing, shop, WMS and rates (secrets in
 * the keychain), the CRM → billing customers mapping and its sync, and the "Sales overview" dataset.
 * Idempotent: a second call reuses everything it made (the ids are remembered under `demo`).
 */
export async function installDemoWorkspace(core: Core, sandbox: Sandbox): Promise<DemoWorkspace> {
  const before = readDemoState(core.settings);
  const inputs = connectionInputs(sandbox);
  const connections = {} as DemoConnections;
  for (const name of Object.keys(inputs) as Name[])
    connections[name] = await upsertConnection(core, before?.connections[name], inputs[name]);
  const mappingId = await upsertMapping(core, before?.mappingId, connections);
  const state: DemoState = {
    seed: sandbox.seed,
    connections,
    mappingId,
    syncId: demoSync().id!,
    runs: before?.runs ?? 0,
  };
  core.settings.set(DEMO_KEY, state);
  const sync = demoSync();
  const existing = core.sync.service.definitions().find((d) => d.id === sync.id);
  if (!existing || existing.mappingId !== mappingId) core.sync.service.save({ ...sync, mappingId });
  const datasetId = saveDemoDataset(
    core,
    salesOverviewDemo({
      shopConnectionId: connections.shop,
      billingConnectionId: connections.billing,
      ratesConnectionId: connections.rates,
    }),
  );
  const saved = { ...state, datasetId };
  core.settings.set(DEMO_KEY, saved);
  return { state: saved, firstRun: !before };
}

/** Records that a demo run completed (the next one simulates CRM activity since this one). */
export function markDemoRun(core: Core): DemoState | undefined {
  const state = readDemoState(core.settings);
  if (!state) return undefined;
  const next = { ...state, runs: state.runs + 1 };
  core.settings.set(DEMO_KEY, next);
  return next;
}

/**
 * What happened in the CRM since the last demo: a few people changed jobs. Each run edits other
 * contacts with values of its own, so every re-run shows a few updates among the unchanged records.
 */
export function simulateCrmActivity(sandbox: Sandbox, run: number, count = 3): number[] {
  const store = sandbox.servers.crm.store;
  const size = store.tables.contacts.size;
  const titles = ['Head of Finance', 'Operations Lead', 'Procurement Manager', 'CTO', 'Account Director'];
  const edited: number[] = [];
  for (let k = 0; k < count && size > 0; k++) {
    const index = (run * 37 + k * 11) % size;
    store.update('contacts', index, { jobtitle: `${titles[(run + k) % titles.length]} (since demo run ${run + 1})` });
    edited.push(index);
  }
  return edited;
}
