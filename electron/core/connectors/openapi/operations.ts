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

function roleOf(method: string, path: string, response: Schema | undefined): OperationRole {
  const endsWithParam = /\}\/?$/.test(path);
  switch (method) {
    case 'GET':
      if (endsWithParam) return 'get';
      return collectionOf(response) ? 'list' : 'other';
    case 'POST':
      return endsWithParam ? 'other' : 'create';
    case 'PUT':
    case 'PATCH':
      return endsWithParam ? 'update' : 'other';
    case 'DELETE':
      return endsWithParam ? 'delete' : 'other';
    default:
      return 'other';
  }
}

export function resourceNameOf(path: string, tags: string[] | undefined): string {
  const raw = tags?.[0] ?? path.split('/').find((s) => s && !s.startsWith('{')) ?? 'items';
  return (
    raw
      .replace(/[^A-Za-z0-9]+/g, '_')
      .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
      .toLowerCase()
      .replace(/^_+|_+$/g, '')
      .replace(/^(\d)/, 'r$1') || 'items'
  );
}

/** The wizard's first screen: every operation with its role, suggested resource and pagination guess. */
export function listOperations(doc: OpenApiDoc): ImportedOperation[] {
  return eachOperation(doc).map(({ method, path, op }) => {
    const response = flatten(successSchema(op));
    const role = roleOf(method, path, response);
    const listInfo = role === 'list' ? collectionOf(response) : undefined;
    return {
      id: op.operationId ?? `${method} ${path}`,
      method,
      path,
      summary: op.summary,
      tags: op.tags ?? [],
      role,
      resource: resourceNameOf(path, op.tags),
      ...(role === 'list'
        ? { pagination: inferPagination(op, response), recordSelector: listInfo?.selector ?? '' }
        : {}),
      deprecated: op.deprecated ?? false,
    };
  });
}
