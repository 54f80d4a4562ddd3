import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinConnectors } from '../../../electron/core/connectors/catalog';
import { ConnectorClient } from '../../../electron/core/connectors/client';
import { ConnectorSource } from '../../../electron/core/sync/adapters/connector-source';
import { startSandbox, type Sandbox } from '../../../electron/sandbox';
import type { ConnectorDefinition, Incremental } from '../../../shared/models/connector';
import { ContractSet, VendorContract } from '../../helpers/contracts/contract';
import { RecordingProxy } from '../../helpers/contracts/recording-proxy';
import { bearer } from '../connectors/test-appliers';

/**
 * An incremental sync read from the HubSpot-compatible CRM: only the records changed since the last
 * run come back, through the search endpoint (HubSpot has no "changed since" on lists), and a read
 * larger than one search's result cap continues in a new time window instead of failing.
 */
let sb: Sandbox;
let proxy: RecordingProxy;
let url: string;
let hubspot: ContractSet;

beforeAll(async () => {
  sb = await startSandbox({ sizes: { contacts: 400 }, rateLimits: false });
  proxy = new RecordingProxy(sb.urls.crm);
  url = await proxy.start();
  hubspot = new ContractSet([await VendorContract.open('hubspot-contacts')]);
}, 60_000);
afterAll(async () => {
  await proxy?.stop();
  await sb?.stop();
});

function crm(cap?: number): { def: ConnectorDefinition; client: ConnectorClient } {
  const def = structuredClone(builtinConnectors().find((d) => d.id === 'crm-hubspot')!);
  const search = def.resources.find((r) => r.name === 'contacts')!.operations.search!;
  if (cap) (search.incremental as Extract<Incremental, { filter: unknown }>).resultCap = cap;
  const client = new ConnectorClient(def, { baseUrl: url }, bearer(sb.credentials.crm.accessToken), undefined, {
    rateLimits: { requestsPerSecond: 500, burst: 100, maxConcurrency: 4 },
  });
  return { def, client };
}

async function touch(ids: string[], jobtitle: string) {
  for (const id of ids) {
    const r = await fetch(`${sb.urls.crm}/crm/v3/objects/contacts/${id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${sb.credentials.crm.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ properties: { jobtitle } }),
    });
    expect(r.status).toBe(200);
  }
}

async function readSince(client: ConnectorClient, since: number): Promise<string[]> {
  const source = new ConnectorSource({ client, resource: 'contacts', fields: ['email', 'jobtitle'] });
  const ids: string[] = [];
  for await (const page of source.read({ cursor: null, since, pageSize: 3 }))
    ids.push(...page.records.map((r) => r.id));
  return ids;
}

describe('HubSpot incremental sync against the contract-faithful sandbox', () => {
  it('reads only the records changed since the last run, through search', async () => {
    const { client } = crm();
    const lastRun = Date.now();
    await touch(['5', '17', '230'], 'Buyer (changed)');
    const from = proxy.exchanges.length;
    const ids = await readSince(client, lastRun);
    expect(ids.sort()).toEqual(['17', '230', '5']);
    const calls = proxy.since(from);
    expect(calls.every((x) => x.method === 'POST' && x.url === '/crm/v3/objects/contacts/search')).toBe(true);
    expect(calls.flatMap((x) => hubspot.validate(x))).toEqual([]);
  });

  it('past one search’s result cap, continues in a new time window without losing or repeating records', async () => {
    sb.servers.crm.searchResultCap = 4;
    try {
      const { client } = crm(4);
      const lastRun = Date.now();
      const changed = ['40', '41', '42', '43', '44', '45', '46', '47', '48', '49'];
      await touch(changed, 'Windowed');
      const from = proxy.exchanges.length;
      const ids = await readSince(client, lastRun);
      expect(ids.sort()).toEqual([...changed].sort());
      const windows = proxy
        .since(from)
        .map((x) => JSON.parse(x.requestBody) as { after: string; filterGroups: { filters: { value: string }[] }[] })
        .filter((b) => b.after === '0');
      // 10 records, at most 4 per search, each window starting at the last time seen (that record is
      // read again and skipped): 4 + 3 + 3 new records, and a last search that finds nothing more.
      expect(windows.length).toBe(4);
      const floors = windows.map((b) => Number(b.filterGroups[0]!.filters[0]!.value));
      expect([...floors].sort((a, b) => a - b)).toEqual(floors);
    } finally {
      sb.servers.crm.searchResultCap = 10_000;
    }
  });
});
