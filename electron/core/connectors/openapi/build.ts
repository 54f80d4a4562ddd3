import { AppError } from '../../../../shared/errors';
import {
  parseConnectorDefinition,
  type AuthKind,
  type ConnectorDefinition,
  type OperationInput,
  type OperationName,
  type Pagination,
} from '../../../../shared/models/connector';
import type { FieldSchemaInput } from '../../../../shared/models/field-schema';
import { fieldsFromSchema } from './fields';
import { inferPagination } from './infer-pagination';
import { eachOperation, jsonSchemaOf, successSchema } from './operations';
import { collectionOf, flatten } from './schema-walk';
import type { OpenApiDoc, OperationObject, Schema } from './types';

/** What the user chose in the wizard, per resource. */
export interface ResourceChoice {
  name: string;
  label?: string;
  /** operation ids (or `METHOD path`) per role. */
  operations: Partial<Record<OperationName, string>>;
  /** Required when the list operation's pagination could not be inferred. */
  pagination?: Pagination;
  pageSize?: number;
  primaryKey?: string;
  /** Fixed query parameters for the list call (e.g. `status=available`). */
  query?: Record<string, string>;
}

export interface BuildOptions {
  id: string;
  name: string;
  /** The document's source, to resolve a relative `servers[0].url` when it was a URL. */
  source?: string;
  /** Overrides servers[0]. */
  baseUrl?: string;
  resources: ResourceChoice[];
}

function authKindsOf(doc: OpenApiDoc): AuthKind[] {
  const kinds = new Set<AuthKind>();
  for (const s of Object.values(doc.components?.securitySchemes ?? {})) {
    if (s.type === 'apiKey') kinds.add(s.in === 'query' ? 'api_key_query' : 'api_key_header');
    else if (s.type === 'http' && s.scheme?.toLowerCase() === 'basic') kinds.add('basic');
    else if (s.type === 'http' && s.scheme?.toLowerCase() === 'bearer') kinds.add('bearer');
    else if (s.type === 'oauth2') {
      if (s.flows?.clientCredentials) kinds.add('oauth2_client_credentials');
      if (s.flows?.authorizationCode) kinds.add('oauth2_authorization_code');
      if (s.flows?.implicit) kinds.add('bearer'); // an implicit-flow token is used as a bearer token
    }
  }
  if (!doc.security?.length || !kinds.size) kinds.add('none');
  return [...kinds];
}

function baseUrlOf(doc: OpenApiDoc, opts: BuildOptions): string {
  if (opts.baseUrl) return opts.baseUrl.replace(/\/+$/, '');
  const server = doc.servers?.[0];
  if (!server) {
    if (opts.source && /^https?:/i.test(opts.source)) return new URL('/', opts.source).toString().replace(/\/$/, '');
    throw new AppError('invalid_input', 'The OpenAPI document lists no server; enter the base URL.');
  }
  const url = server.url.replace(/\{([^}]+)\}/g, (_, v: string) => server.variables?.[v]?.default ?? `{${v}}`);
  if (/^https?:\/\//i.test(url)) return url.replace(/\/+$/, '');
  if (opts.source && /^https?:/i.test(opts.source)) return new URL(url, opts.source).toString().replace(/\/+$/, '');
  throw new AppError(
    'invalid_input',
    `The document's server URL "${server.url}" is relative; enter the base URL it is relative to.`,
  );
}

/** `{petId}` → `{id}` for the operation's own record id; other path params stay and must be settings. */
function pathFor(path: string): string {
  const params = [...path.matchAll(/\{([^}]+)\}/g)];
  if (!params.length) return path;
  const last = params[params.length - 1]!;
  return path.slice(0, last.index) + '{id}' + path.slice(last.index! + last[0].length);
}

function bodyEncodingOf(op: OperationObject): 'json' | 'form' {
  const types = Object.keys(op.requestBody?.content ?? {});
  return types.some((t) => /json/i.test(t)) || !types.some((t) => /x-www-form-urlencoded/i.test(t)) ? 'json' : 'form';
}

/**
 * Turn the user's choices into a Generic REST definition: operations with paths, record selectors,
 * pagination (inferred or chosen), and field schemas from the response (or request) schema.
 */
export function buildDefinition(doc: OpenApiDoc, opts: BuildOptions): ConnectorDefinition {
  const ops = new Map(eachOperation(doc).map((o) => [o.op.operationId ?? `${o.method} ${o.path}`, o]));
  const resources = opts.resources.map((choice) => {
    const operations: Partial<Record<OperationName, OperationInput>> = {};
    let fields: FieldSchemaInput[] = [];
    for (const [role, opId] of Object.entries(choice.operations) as [OperationName, string][]) {
      const found = ops.get(opId);
      if (!found)
        throw new AppError('invalid_input', `Resource "${choice.name}": the document has no operation "${opId}".`, {
          resource: choice.name,
          operation: opId,
        });
      const { method, path, op } = found;
      const response = flatten(successSchema(op));
      const operation: OperationInput = {
        method: method as OperationInput['method'],
        path: role === 'list' || role === 'create' || role.startsWith('batch') ? path : pathFor(path),
      };
      if (role === 'list') {
        const coll = collectionOf(response);
        operation.recordSelector = coll?.selector ?? '';
        const inferred = inferPagination(op, response);
        if (choice.pagination) operation.pagination = choice.pagination;
        else if (inferred.known) operation.pagination = inferred.pagination;
        else {
          throw new AppError('invalid_input', `Resource "${choice.name}" (${opId}): ${inferred.reason}.`, {
            resource: choice.name,
            operation: opId,
            needs: 'pagination',
          });
        }
        if (choice.pageSize) operation.pageSize = choice.pageSize;
        if (choice.query) operation.query = choice.query;
        if (!fields.length) fields = fieldsFromSchema(coll?.item);
      } else {
        if (['create', 'update', 'upsert'].includes(role)) operation.bodyEncoding = bodyEncodingOf(op);
        if (!fields.length && role === 'get') fields = fieldsFromSchema(response);
      }
      operations[role] = operation;
    }
    if (!fields.length) {
      // No readable response schema: fall back to the create body's schema.
      const createId = choice.operations.create ?? choice.operations.update;
      const body = createId ? jsonSchemaOf(ops.get(createId)?.op.requestBody?.content) : undefined;
      fields = fieldsFromSchema(flatten(body as Schema | undefined));
    }
    if (!fields.length) fields = [{ name: 'id', type: 'string' }];
    const primaryKey =
      choice.primaryKey ??
      (fields.some((f) => f.name === 'id') ? 'id' : (fields.find((f) => f.required)?.name ?? fields[0]!.name));
    return {
      name: choice.name,
      label: choice.label ?? choice.name.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase()),
      primaryKey,
      fields,
      operations,
    };
  });
  return parseConnectorDefinition(
    {
      id: opts.id,
      name: opts.name,
      description: (doc.info.description ?? '').split('\n')[0]!.slice(0, 300),
      logo: 'generic',
      docsUrl: doc.externalDocs?.url && /^https?:/.test(doc.externalDocs.url) ? doc.externalDocs.url : undefined,
      followsApi: `${doc.info.title} ${doc.info.version} (imported from OpenAPI ${doc.openapi})`,
      baseUrlTemplate: baseUrlOf(doc, opts),
      authKinds: authKindsOf(doc),
      resources,
      source: 'openapi',
    },
    'imported OpenAPI connector',
  );
}
