import type { Connection } from '../../../shared/models/connection';
import type { LedgerEntryInput } from '../../../shared/models/logs';
import type { SyncRun } from '../../../shared/models/sync';
import { userAgent } from '../connectors/http/identify';
import type { EndpointSpec, RunPlan } from './plan';

/** How a connection identifies itself on every call: the partner header when set, else the User-Agent. */
function integratorHeader(c: Connection): string {
  const i = c.integrator;
  return i.headerName && i.headerValue
    ? `${i.headerName}: ${i.headerValue}`
    : `User-Agent: ${userAgent(undefined, i.contact)}`;
}

function base(run: SyncRun, spec: Extract<EndpointSpec, { kind: 'connector' }>) {
  const c = spec.connection;
  return {
    flowKind: 'run' as const,
    flowId: run.id,
    syncId: run.syncId,
    connectionId: c.id,
    resource: spec.resource,
    host: new URL(c.baseUrl).host,
    // A reference to the credential, never its value.
    credential: { connectionId: c.id, authKind: c.authKind },
    integratorHeader: integratorHeader(c),
  };
}

/**
 * The data-access ledger lines of a finished run: what the source connection read (fields, records)
 * and what was sent to the target (only the fields actually written: every mapped field for creates,
 * the changed ones for updates). A dry run writes nothing, so it has no write line.
 */
export function ledgerEntriesFor(plan: RunPlan, run: SyncRun): LedgerEntryInput[] {
  const out: LedgerEntryInput[] = [];
  const { source, target } = plan;
  if (run.counters.processed > 0) {
    const fields = source.fields ?? plan.sourceSchema.map((f) => f.name);
    out.push({ ...base(run, source), direction: 'read', fields, recordCount: run.counters.processed });
  }
  const written = run.counters.created + run.counters.updated;
  if (!run.dryRun && written > 0) {
    const mapped = (plan.mapping.rules ?? []).filter((r) => r.enabled !== false).map((r) => r.target);
    const fields = run.counters.created > 0 ? mapped : Object.keys(run.counters.updatedFields);
    out.push({ ...base(run, target), direction: 'write', fields, recordCount: written });
  }
  return out;
}
