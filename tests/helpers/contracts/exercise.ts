import type { ApiRecord, ConnectorClient } from '../../../electron/core/connectors/client';
import type { OperationName } from '../../../shared/models/connector';

/** What to write per resource when exercising it: a new record, a patch, and lookup values. */
export interface ResourcePlan {
  create: () => ApiRecord;
  patch: ApiRecord;
  /** A field with a lookup and a value some record has. */
  lookup?: { field: string; value: (first: ApiRecord) => string };
  /** Incremental reads start here (old enough that a few records changed since). */
  since: Date;
  /** An id no record has, in the form the API's ids take (Xero: a uuid); default `999999999`. */
  missingId?: string;
}

/** Which operations a run exercised, per resource (`contacts.list`, …), to prove every one was called. */
export type Exercised = Set<string>;

async function collect<T>(it: AsyncIterable<T[]>): Promise<T[][]> {
  const out: T[][] = [];
  for await (const page of it) out.push(page);
  return out;
}

/**
 * Calls every operation a connector definition declares, the way Patchbay calls them: lists over
 * several pages (small pages so each pagination step happens), incremental reads, gets, writes,
 * batch writes, searches and lookups, deletes, and the test call. Errors from the server are kept
 * (a contract test cares what was sent, and that the error answer has the document's shape).
 */
export async function exerciseConnector(
  client: ConnectorClient,
  plans: Record<string, ResourcePlan>,
): Promise<{ exercised: Exercised; errors: string[] }> {
  const exercised: Exercised = new Set();
  const errors: string[] = [];
  const did = (resource: string, op: OperationName | 'testConnection' | 'discover') =>
    exercised.add(`${resource}.${op}`);
  const attempt = async <T>(what: string, fn: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await fn();
    } catch (err) {
      errors.push(`${what}: ${(err as Error).message}`);
      return undefined;
    }
  };
  for (const resource of client.definition.resources) {
    const plan = plans[resource.name];
    if (!plan) continue;
    const ops = resource.operations;
    const name = resource.name;
    let first: ApiRecord | undefined;
    if (ops.list) {
      const pages = await attempt(`${name}.list`, () => collect(client.listPages(name, { pageSize: 2, limit: 5 })));
      first = pages?.[0]?.[0];
      did(name, 'list');
      if (ops.list.incremental || ops.search?.incremental) {
        await attempt(`${name}.list since`, () =>
          collect(client.listPages(name, { since: plan.since, pageSize: 2, limit: 4 })),
        );
        if (ops.search?.incremental) did(name, 'search');
      }
    }
    const id = first ? String(first[resource.primaryKey]) : undefined;
    if (ops.get && id) {
      await attempt(`${name}.get`, () => client.get(name, id));
      await attempt(`${name}.get missing`, () => client.get(name, plan.missingId ?? '999999999'));
      did(name, 'get');
    }
    if (ops.search && plan.lookup && first) {
      await attempt(`${name}.findBy`, () => client.findBy(name, plan.lookup!.field, plan.lookup!.value(first!)));
      did(name, 'search');
    }
    if (plan.lookup && resource.lookups?.[plan.lookup.field]?.operation === 'get' && first) {
      await attempt(`${name}.findBy`, () => client.findBy(name, plan.lookup!.field, plan.lookup!.value(first!)));
      await attempt(`${name}.findBy quote`, () => client.findBy(name, plan.lookup!.field, "o'brien@example.com"));
    }
    let created: ApiRecord | undefined;
    if (ops.create) {
      created = await attempt(`${name}.create`, () => client.create(name, plan.create()));
      did(name, 'create');
    }
    const createdId = created ? String(created[resource.primaryKey]) : id;
    if (ops.update && createdId) {
      await attempt(`${name}.update`, () => client.update(name, createdId, plan.patch));
      did(name, 'update');
    }
    if (ops.batchRead && id) {
      await attempt(`${name}.batchRead`, () => client.batchRead(name, [id]));
      did(name, 'batchRead');
    }
    if (ops.batchCreate) {
      await attempt(`${name}.batchCreate`, () => client.batchCreate(name, [plan.create()]));
      did(name, 'batchCreate');
    }
    if (ops.batchUpdate && createdId) {
      await attempt(`${name}.batchUpdate`, () =>
        client.batchUpdate(name, [{ [resource.primaryKey]: createdId, ...plan.patch }]),
      );
      did(name, 'batchUpdate');
    }
    if (ops.upsert) {
      await attempt(`${name}.upsert`, () => client.upsert(name, plan.create()));
      did(name, 'upsert');
    }
    if (ops.batchUpsert) {
      await attempt(`${name}.batchUpsert`, () => client.batchUpsert(name, [plan.create()]));
      did(name, 'batchUpsert');
    }
    if (ops.delete && createdId) {
      await attempt(`${name}.delete`, () => client.delete(name, createdId));
      did(name, 'delete');
    }
  }
  const test = await client.testConnection();
  if (!test.ok) errors.push(`testConnection: ${test.error.message}`);
  exercised.add('testConnection');
  return { exercised, errors };
}

/** Every operation the definition declares, as `resource.operation`, plus the test call. */
export function declaredOperations(client: ConnectorClient, resources: string[]): string[] {
  const out = ['testConnection'];
  for (const r of client.definition.resources) {
    if (!resources.includes(r.name)) continue;
    for (const [op, v] of Object.entries(r.operations)) if (v) out.push(`${r.name}.${op}`);
  }
  return out.sort();
}
