/**
 * One sync run the way the app runs it: two connections through ConnectorClient (auth, limits,
 * retries), the run in a worker thread (SyncRunner), every call event into the call log (logs.db)
 * and the run's state in state.db. Prints one JSON line: the run, peak RSS and per-host call figures.
 * Usage: node --import tsx sync-child.ts '<json ChildArgs>'
 */
import { join } from 'node:path';
import { ConnectorCatalog, memoryConnectorStore } from '../../electron/core/connectors/catalog';
import { LogStore } from '../../electron/core/logs/log-store';
import {
  BILLING_CUSTOMER_FIELDS,
  CRM_CONTACT_FIELDS,
  DEMO_CRM_PROPERTIES,
  demoMapping,
  demoSync,
} from '../../electron/demo/mapping';
import type { RunPlan } from '../../electron/core/sync/plan';
import { SyncRunner } from '../../electron/core/sync/runner';
import { searchRecipeFor } from '../../electron/core/sync/search-recipes';
import { openStateDb } from '../../electron/core/sync/state-db';
import { SyncStateStore } from '../../electron/core/sync/state-store';
import type { RateLimits } from '../../shared/models/connector';
import { SyncDefinition } from '../../shared/models/sync';
import { testConnection } from '../helpers/demo-plan';

export interface ChildArgs {
  stateDir: string;
  crm: { url: string; token: string };
  billing: { url: string; secretKey: string };
  /** false: the target connector declares no limits and has no search (an imported connector). */
  declared: boolean;
  /** The connection's own rate settings for the target (e.g. the account's live-mode limits). */
  targetRate?: RateLimits;
  concurrency?: number;
  pageSize?: number;
  /** Then run the same sync again in the same runner (nothing changed): what a small incremental run costs. */
  again?: boolean;
}

export interface HostFigures {
  requests: number;
  refused: number;
  refusedAfter10s: number;
  requestsAfter10s: number;
  firstMs: number;
  lastMs: number;
}

const args = JSON.parse(process.argv[2]!) as ChildArgs;

const catalog = await ConnectorCatalog.open(memoryConnectorStore());
const billingDef = catalog.get('billing-stripe');
// Undeclared: as an imported connector often is, no rate limits, no search operation, no match-key lookup.
const targetDefinition = args.declared
  ? billingDef
  : {
      ...billingDef,
      rateLimits: undefined,
      resources: billingDef.resources.map((r) => {
        const { search: _search, ...operations } = r.operations;
        const { lookups: _lookups, ...rest } = r;
        return { ...rest, operations };
      }),
    };
const plan: RunPlan = {
  definition: SyncDefinition.parse({
    ...demoSync(),
    ...(args.concurrency ? { concurrency: args.concurrency } : {}),
    ...(args.pageSize ? { pageSize: args.pageSize } : {}),
  }),
  mapping: demoMapping({ crm: 'crm', billing: 'billing' }),
  sourceSchema: CRM_CONTACT_FIELDS,
  targetSchema: BILLING_CUSTOMER_FIELDS,
  source: {
    kind: 'connector',
    definition: catalog.get('crm-hubspot'),
    connection: testConnection('crm', 'crm-hubspot', args.crm.url),
    secrets: { token: args.crm.token },
    resource: 'contacts',
    fields: DEMO_CRM_PROPERTIES,
  },
  target: {
    kind: 'connector',
    definition: targetDefinition,
    connection: testConnection('billing', 'billing-stripe', args.billing.url),
    secrets: { token: args.billing.secretKey },
    resource: 'customers',
    ...(args.declared ? { search: searchRecipeFor('billing-stripe', 'customers', 'email') } : {}),
    ...(args.targetRate ? { rateLimits: args.targetRate } : {}),
  },
};

const db = openStateDb(join(args.stateDir, 'state.db'));
const store = new SyncStateStore(db);
const logs = LogStore.open({ dataDir: args.stateDir });
const runner = new SyncRunner({ dbPath: join(args.stateDir, 'state.db'), store });
const hosts: Record<string, HostFigures> = {};
const t0 = Date.now();
runner.on('calls', (events) => {
  for (const e of events) {
    logs.append(e);
    const at = Date.parse(e.time) - t0;
    const h = (hosts[e.host] ??= {
      requests: 0,
      refused: 0,
      refusedAfter10s: 0,
      requestsAfter10s: 0,
      firstMs: at,
      lastMs: at,
    });
    h.requests++;
    if (e.status === 429) h.refused++;
    if (at > 10_000) {
      h.requestsAfter10s++;
      if (e.status === 429) h.refusedAfter10s++;
    }
    h.firstMs = Math.min(h.firstMs, at);
    h.lastMs = Math.max(h.lastMs, at + e.durationMs);
  }
});
const started = performance.now();
const run = await runner.start(plan).done;
const ms = performance.now() - started;
let againMs: number | undefined;
let againActiveMs: number | undefined;
if (args.again) {
  const t = performance.now();
  againActiveMs = (await runner.start(plan).done).activeMs;
  againMs = performance.now() - t;
}
await runner.close();
logs.close();
db.close();
process.stdout.write(
  `${JSON.stringify({ done: run, ms, againMs, againActiveMs, hosts, maxRssKb: process.resourceUsage().maxRSS })}\n`,
);
process.exit(0);
