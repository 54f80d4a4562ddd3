import { inferPagination } from './infer-pagination';
import { collectionOf, flatten } from './schema-walk';
import type { ImportedOperation, OpenApiDoc, OperationObject, OperationRole, Schema } from './types';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

export function jsonSchemaOf(content: Record<string, { schema?: Schema }> | undefined): Schema | undefined {
  if (!content) return undefined;
  const key = Object.keys(content).find((k) => /json/i.test(k)) ?? Object.keys(content).find((k) => k === '*/*');
  return key ? content[key]?.schema : undefined;
}

export function successSchema(op: OperationObject): Schema | undefined {
  const entry =
    Object.entries(op.responses ?? {}).find(([code]) => /^2/.test(code)) ??
    Object.entries(op.responses ?? {}).find(([code]) => code === 'default');
  return jsonSchemaOf(entry?.[1].content);
}

/** Each path/method of the document, in document order. */
export function eachOperation(doc: OpenApiDoc): { method: string; path: string; op: OperationObject }[] {
  const out: { method: string; path: string; op: OperationObject }[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    const shared = (item.parameters as OperationObject['parameters']) ?? [];
    for (const m of METHODS) {
      const op = item[m] as OperationObject | undefined;
      if (!op) continue;
      // Path-level parameters apply to every operation unless overridden by name.
      const own = op.parameters ?? [];
      const params = [...shared.filter((s) => !own.some((o) => o.name === s.name && o.in === s.in)), ...own];
      out.push({ method: m.toUpperCase(), path, op: { ...op, parameters: params } });
    }
  }
  return out;
}

/**
 * A path as a collection or an item of one: `/v1/customers/{customer}` is the item of `/v1/customers`,
 * `/Accounts/{AccountSid}/Messages/{Sid}.json` the item of `/Accounts/{AccountSid}/Messages.json`.
 */
export function splitPath(path: string): { collection: string; itemParam?: string; segment: string } {
  const item = /^(.*)\/\{([^}]+)\}(\.[A-Za-z0-9]+)?\/?$/.exec(path);
  const collection = item ? `${item[1]}${item[3] ?? ''}` : path.replace(/\/+$/, '');
  const literal = collection
    .split('/')
    .filter((s) => s && !s.startsWith('{'))
    .pop();
  return {
    collection,
    ...(item ? { itemParam: item[2] } : {}),
    segment: (literal ?? 'items').replace(/\.[A-Za-z0-9]+$/, ''),
  };
}

const snakeName = (raw: string) =>
  raw
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/^_+|_+$/g, '')
    .replace(/^(\d)/, 'r$1') || 'items';

/** A resource name from the path, as the vendor names the collection (tags only when the path has no name). */
export function resourceNameOf(path: string, tags: string[] | undefined): string {
  const { segment } = splitPath(path);
  return snakeName(segment === 'items' && tags?.[0] ? tags[0] : segment);
}

// Sub-paths that read their parent collection (`/v1/customers/search`, `/pet/findByStatus`): they
// belong to it rather than being resources of their own.
const COLLECTION_ACTIONS = /^(search|query|find|filter|list)/i;
const ID_LIKE = /(^id$|Id$|ID$|_id$|Sid$|_key$)/;
const CREATES = /^(create|add|insert|new)/i;

function roleOf(
  method: string,
  path: string,
  op: OperationObject,
  response: Schema | undefined,
  collectionOps: Map<string, OperationObject>,
): OperationRole {
  const { itemParam, segment } = splitPath(path);
  if (itemParam) {
    if (method === 'GET') return 'get';
    if (method === 'DELETE') return 'delete';
    // Stripe and Xero update with POST to the item; others PUT or PATCH.
    return method === 'POST' || method === 'PUT' || method === 'PATCH' ? 'update' : 'other';
  }
  if (method === 'GET') return collectionOf(response, segment) ? 'list' : 'other';
  // PUT to a collection creates in Xero (`createContacts`, beside POST `updateOrCreateContacts`) but
  // replaces in others (Petstore `updatePet`): the operation's own name decides.
  if (method === 'PUT') return CREATES.test(op.operationId ?? '') ? 'create' : 'other';
  if (method === 'POST') {
    const put = collectionOps.get('PUT');
    if (/^update/i.test(op.operationId ?? '') || (put && CREATES.test(put.operationId ?? ''))) return 'other';
    return 'create';
  }
  return 'other';
}

/**
 * The wizard's first screen: every operation with its role, its resource (collection and item paths
 * paired: `/v1/customers` + `/v1/customers/{customer}` → customers) and a pagination guess.
 */
export function listOperations(doc: OpenApiDoc): ImportedOperation[] {
  const all = eachOperation(doc);
  const opsOf = new Map<string, Map<string, OperationObject>>();
  for (const o of all) {
    const { collection, itemParam } = splitPath(o.path);
    if (!itemParam) opsOf.set(collection, (opsOf.get(collection) ?? new Map()).set(o.method, o.op));
  }
  // One name per collection path: the shortest path keeps the vendor's word, others are prefixed by their parent.
  const names = new Map<string, string>();
  const byWord = new Map<string, string[]>();
  for (const collection of new Set(all.map((o) => splitPath(o.path).collection))) {
    const word = snakeName(splitPath(collection).segment);
    byWord.set(word, [...(byWord.get(word) ?? []), collection]);
  }
  for (const [word, paths] of byWord) {
    paths.sort((a, b) => a.length - b.length);
    paths.forEach((p, i) => {
      const parent = p
        .split('/')
        .filter((s) => s && !s.startsWith('{'))
        .slice(-2, -1)[0];
      names.set(p, i === 0 || !parent ? word : `${snakeName(parent)}_${word}`);
    });
  }
  const out = all.map(({ method, path, op }) => {
    const response = flatten(successSchema(op));
    const { collection, segment } = splitPath(path);
    const role = roleOf(method, path, op, response, opsOf.get(collection) ?? new Map());
    let resource = names.get(collection) ?? resourceNameOf(path, op.tags);
    let label = segment;
    // `/v1/customers/search` reads customers: it belongs to them, not to a resource called "search".
    const parent = collection.slice(0, collection.lastIndexOf('/'));
    if (COLLECTION_ACTIONS.test(segment) && names.has(parent)) {
      resource = names.get(parent)!;
      label = splitPath(parent).segment;
    }
    const listInfo = role === 'list' ? collectionOf(response, segment) : undefined;
    return {
      id: op.operationId ?? `${method} ${path}`,
      method,
      path,
      summary: op.summary,
      tags: op.tags ?? [],
      role,
      resource,
      resourceLabel: label.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase()),
      ...(role === 'list'
        ? { pagination: inferPagination(op, response, segment), recordSelector: listInfo?.selector ?? '' }
        : {}),
      deprecated: op.deprecated ?? false,
    };
  });
  // One operation per role and resource. Two item paths (Xero: by ContactID and by ContactNumber):
  // the id-like parameter wins; two lists (Stripe `/v1/customers` and its `/search`): the plain one.
  const better = (o: ImportedOperation, than: ImportedOperation) =>
    o.role === 'list'
      ? !COLLECTION_ACTIONS.test(splitPath(o.path).segment) && COLLECTION_ACTIONS.test(splitPath(than.path).segment)
      : ID_LIKE.test(splitPath(o.path).itemParam ?? '') && !ID_LIKE.test(splitPath(than.path).itemParam ?? '');
  const seen = new Map<string, ImportedOperation>();
  for (const o of out) {
    if (o.role === 'other') continue;
    const key = `${o.resource}:${o.role}`;
    const before = seen.get(key);
    if (!before) seen.set(key, o);
    else if (better(o, before)) {
      before.role = 'other';
      delete before.pagination;
      delete before.recordSelector;
      seen.set(key, o);
    } else {
      o.role = 'other';
      delete o.pagination;
      delete o.recordSelector;
    }
  }
  return out;
}
