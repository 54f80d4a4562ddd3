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
import { fieldsFromSchema, freeFormMapOf } from './fields';
import { inferPagination, pageSizeParamOf } from './infer-pagination';
import { eachOperation, jsonSchemaOf, splitPath, successSchema } from './operations';
import { collectionOf, flatten, typeOf } from './schema-walk';
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
  // Security may be required per operation (Xero) rather than for the whole document.
  const required =
    Boolean(doc.security?.length) ||
    eachOperation(doc).some(({ op }) => Boolean((op as { security?: unknown[] }).security?.length));
  if (!required || !kinds.size) kinds.add('none');
  return [...kinds];
}

const sameName = (a: string, b: string) =>
  a.replace(/[^a-z0-9]/gi, '').toLowerCase() === b.replace(/[^a-z0-9]/gi, '').toLowerCase();

/** The document's OAuth 2.0 endpoints (authorization code first), offered as the connection's defaults. */
function oauth2Of(doc: OpenApiDoc): { authorizeUrl?: string; tokenUrl?: string; scopes: string[] } | undefined {
  for (const s of Object.values(doc.components?.securitySchemes ?? {})) {
    if (s.type !== 'oauth2') continue;
    const flows = (s.flows ?? {}) as Record<string, { authorizationUrl?: string; tokenUrl?: string } | undefined>;
    const flow = flows.authorizationCode ?? flows.clientCredentials;
    if (!flow) continue;
    const url = (u?: string) => (u && /^https?:\/\//.test(u) ? u : undefined);
    return { authorizeUrl: url(flow.authorizationUrl), tokenUrl: url(flow.tokenUrl), scopes: [] };
  }
  return undefined;
}

const AUTH_HEADERS = new Set(['authorization', 'content-type', 'accept', 'user-agent']);
const camel = (s: string) =>
  s
    .replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ''))
    .replace(/^./, (c) => c.toLowerCase());

/**
 * What every call needs beyond credentials: path parameters other than the record id (Twilio
 * `{AccountSid}`) and required headers (Xero `xero-tenant-id`) become connection settings, the
 * headers sent on every call filled from them.
 */
function settingsOf(
  doc: OpenApiDoc,
  used: { path: string; op: OperationObject }[],
): { settings: { name: string; label: string; required: boolean }[]; headers: Record<string, string> } {
  const settings = new Map<string, { name: string; label: string; required: boolean }>();
  const headers: Record<string, string> = {};
  const keyHeaders = new Set(
    Object.values(doc.components?.securitySchemes ?? {})
      .filter((s) => s.type === 'apiKey' && s.in === 'header')
      .map((s) => String((s as { name?: string }).name ?? '').toLowerCase()),
  );
  for (const { path, op } of used) {
    for (const [, name] of path.matchAll(/\{([^}]+)\}/g))
      if (name !== 'id') settings.set(name!, { name: name!, label: name!, required: true });
    for (const p of op.parameters ?? []) {
      const lower = p.name.toLowerCase();
      if (p.in !== 'header' || !p.required || AUTH_HEADERS.has(lower) || keyHeaders.has(lower)) continue;
      const name = camel(p.name);
      settings.set(name, { name, label: p.name, required: true });
      headers[p.name] = `{${name}}`;
    }
  }
  return { settings: [...settings.values()], headers };
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
  const used: { path: string; op: OperationObject }[] = [];
  const resources = opts.resources.map((choice) => {
    const operations: Partial<Record<OperationName, OperationInput>> = {};
    let fields: FieldSchemaInput[] = [];
    let itemId: string | undefined;
    let freeForm: { name: string; stringValues: boolean } | undefined;
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
        const { segment } = splitPath(path);
        const coll = collectionOf(response, segment);
        operation.recordSelector = coll?.selector ?? '';
        const inferred = inferPagination(op, response, segment);
        if (choice.pagination) operation.pagination = choice.pagination;
        else if (inferred.known) operation.pagination = inferred.pagination;
        else {
          throw new AppError(
            'invalid_input',
            `Resource "${choice.name}" (${opId}): choose its pagination; ${inferred.reason}.`,
            {
              resource: choice.name,
              operation: opId,
              needs: 'pagination',
            },
          );
        }
        if (choice.pageSize) operation.pageSize = choice.pageSize;
        // Styles that carry no page size of their own still send one where the API takes it (`limit`).
        const sizeParam = pageSizeParamOf(op);
        const p = operation.pagination;
        if (sizeParam && p && p.style !== 'offset_limit' && !(p.style === 'page_number' && p.sizeParam))
          operation.pageSizeParam = sizeParam;
        if (choice.query) operation.query = choice.query;
        if (!fields.length) fields = fieldsFromSchema(coll?.item);
        freeForm ??= freeFormMapOf(coll?.item);
      } else {
        const { segment, itemParam } = splitPath(path);
        // Answers that wrap the record in a list named like the collection (Xero `{Contacts: [{…}]}`).
        const wrapped = typeOf(response) === 'object' ? collectionOf(response, segment) : undefined;
        const wrapper = wrapped?.selector && sameName(wrapped.selector, segment) ? wrapped : undefined;
        if (wrapper) operation.recordSelector = wrapper.selector;
        if (['create', 'update', 'upsert'].includes(role)) {
          operation.bodyEncoding = bodyEncodingOf(op);
          // Writes that take the same wrapper: one record goes as a list of one.
          const body = flatten(jsonSchemaOf(op.requestBody?.content));
          const bodyList = typeOf(body) === 'object' ? collectionOf(body, segment) : undefined;
          if (bodyList?.selector && sameName(bodyList.selector, segment))
            operation.body = { listKey: bodyList.selector };
        }
        if (role === 'get' && itemParam) itemId = itemParam;
        if (!fields.length && role === 'get') fields = fieldsFromSchema(wrapper ? wrapper.item : response);
      }
      operations[role] = operation;
      used.push({ path: operation.path, op });
    }
    if (!fields.length) {
      // No readable response schema: fall back to the create body's schema.
      const createId = choice.operations.create ?? choice.operations.update;
      const body = createId ? jsonSchemaOf(ops.get(createId)?.op.requestBody?.content) : undefined;
      fields = fieldsFromSchema(flatten(body as Schema | undefined));
    }
    if (!fields.length) fields = [{ name: 'id', type: 'string' }];
    // The item path names the key (`/Invoices/{InvoiceID}`) when it is one of the fields; else `id`.
    const primaryKey =
      choice.primaryKey ??
      (itemId && fields.some((f) => f.name.toLowerCase() === itemId!.toLowerCase())
        ? fields.find((f) => f.name.toLowerCase() === itemId!.toLowerCase())!.name
        : fields.some((f) => f.name === 'id')
          ? 'id'
          : (fields.find((f) => f.required)?.name ?? fields[0]!.name));
    return {
      name: choice.name,
      label: choice.label ?? choice.name.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase()),
      primaryKey,
      fields,
      operations,
      ...(freeForm
        ? {
            discovery: {
              samples: 20,
              pathPrefix: `${freeForm.name}.`,
              wire: freeForm.stringValues ? ('string' as const) : ('native' as const),
            },
          }
        : {}),
    };
  });
  const { settings, headers } = settingsOf(doc, used);
  const oauth2 = oauth2Of(doc);
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
      ...(settings.length ? { settings } : {}),
      ...(Object.keys(headers).length ? { headers } : {}),
      ...(oauth2 ? { oauth2 } : {}),
      resources,
      source: 'openapi',
    },
    'imported OpenAPI connector',
  );
}
