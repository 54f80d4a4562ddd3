import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import OpenAPIBackend, { type Document, type Operation } from 'openapi-backend';
import { parse as parseQuery } from 'qs';
import { readVendorDocument, type VendorName } from './vendor-documents';

/** One HTTP exchange as it crossed the wire (recorded by the recording proxy). */
export interface Exchange {
  method: string;
  /** Path and query, as sent. */
  url: string;
  requestHeaders: Record<string, string>;
  requestBody: string;
  status: number;
  responseHeaders: Record<string, string>;
  responseBody: string;
}

export interface Violation {
  side: 'request' | 'response';
  /** `GET /crm/v3/objects/contacts?…` */
  call: string;
  operationId?: string;
  message: string;
}

type AjvLike = { opts: Record<string, unknown>; addFormat(name: string, f: true): unknown };

/** openapi-backend hands over its own Ajv (another copy of the package): the two calls made here exist in both. */
function ajvLike(ajv: object): AjvLike {
  const opts: unknown = Reflect.get(ajv, 'opts');
  const addFormat: unknown = Reflect.get(ajv, 'addFormat');
  if (typeof addFormat !== 'function' || typeof opts !== 'object' || opts === null)
    throw new Error('openapi-backend passed something that is not an Ajv instance');
  return {
    opts: opts as Record<string, unknown>,
    addFormat: (name, f) => Reflect.apply(addFormat, ajv, [name, f]) as unknown,
  };
}

/** A parsed vendor document that says it is OpenAPI 3 (the only kind openapi-backend reads). */
function openApiDocument(doc: Record<string, unknown>, name: string): Document {
  if (typeof doc.openapi !== 'string' || typeof doc.info !== 'object' || typeof doc.paths !== 'object')
    throw new Error(`${name}: the vendor document is not an OpenAPI 3 document (openapi, info, paths)`);
  return doc as Document;
}
// Formats the vendors use beyond JSON Schema's own: integers and numbers already typed by the schema.
const VENDOR_FORMATS = ['unix-time', 'decimal', 'int32', 'int64', 'double', 'float', 'byte', 'binary', 'password'];
type AjvError = { instancePath?: string; message?: string; params?: Record<string, unknown> };

const describe = (e: AjvError) =>
  `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}${
    e.params?.additionalProperty ? `: "${String(e.params.additionalProperty)}"` : ''
  }${e.params?.allowedValues ? ` ${JSON.stringify(e.params.allowedValues)}` : ''}`;

/**
 * A vendor's published OpenAPI document as a contract, enforced by openapi-backend (routing by path
 * template and method, Ajv-compiled validators for path, query, header and cookie parameters, request
 * bodies and responses). Form-encoded bodies carry every value as text, so for them (Stripe) the body
 * validator coerces scalars the way the server does; JSON bodies (HubSpot, Xero) are checked strictly,
 * so a number where the document says string is a violation.
 */
export class VendorContract {
  private readonly responseValidators = new Map<string, ValidateFunction | null>();

  private constructor(
    readonly name: VendorName,
    private readonly api: OpenAPIBackend,
    private readonly basePath: string,
    private readonly raw: Record<string, unknown>,
    private readonly ajv: Ajv,
  ) {}

  static async open(name: VendorName, opts: { formBodies?: boolean } = {}): Promise<VendorContract> {
    const { doc } = readVendorDocument(name);
    nullableWithoutType(doc);
    // Responses are checked by one Ajv over the document with its $refs kept: openapi-backend would
    // inline Stripe's recursive schemas into one enormous validator per operation (minutes to compile).
    const raw = structuredClone(doc);
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    for (const f of VENDOR_FORMATS) ajv.addFormat(f, true);
    ajv.addSchema(raw, 'vendor');
    const server = (doc.servers as { url: string }[] | undefined)?.[0]?.url ?? '/';
    const basePath = new URL(server, 'https://vendor.invalid').pathname.replace(/\/+$/, '');
    const api = new OpenAPIBackend({
      definition: openApiDocument(doc, name),
      apiRoot: basePath || '/',
      quick: true,
      validate: true,
      customizeAjv: (ajv, _opts, context) => {
        // Formats are checked too (date-time, email, uuid…): a header date in the wrong form is a violation.
        addFormats(ajv as never);
        const own = ajvLike(ajv);
        for (const f of VENDOR_FORMATS) own.addFormat(f, true);
        if (opts.formBodies && context === 'requestBodyValidator') own.opts.coerceTypes = 'array';
        return ajv;
      },
    });
    await api.init();
    return new VendorContract(name, api, basePath, raw, ajv);
  }

  /** The operation a request is for, or undefined when the document has no such path and method. */
  operationFor(method: string, url: string): Operation | undefined {
    const [path] = url.split('?');
    return this.api.matchOperation({ method, path: path!, headers: {} });
  }

  validate(x: Exchange): Violation[] {
    return [...this.validateRequest(x), ...this.validateResponse(x)];
  }

  validateRequest(x: Exchange): Violation[] {
    const call = `${x.method} ${x.url}`;
    const op = this.operationFor(x.method, x.url);
    if (!op)
      return [{ side: 'request', call, message: `${this.name} has no operation ${x.method} ${x.url.split('?')[0]}` }];
    const out: Violation[] = [];
    const v = (message: string) => out.push({ side: 'request', call, operationId: op.operationId, message });
    const [path, query = ''] = x.url.split('?');
    const contentType = (x.requestHeaders['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    let body: unknown;
    if (x.requestBody) {
      const declared = Object.keys((op.requestBody as { content?: object } | undefined)?.content ?? {});
      if (!declared.length) v(`sends a body, but ${op.operationId} takes none`);
      else if (!declared.includes(contentType))
        v(`body encoded as "${contentType || 'nothing'}", the document takes ${declared.join(' or ')}`);
      if (contentType === 'application/json') {
        try {
          body = JSON.parse(x.requestBody);
        } catch {
          v('body is not valid JSON');
        }
      } else if (contentType === 'application/x-www-form-urlencoded') {
        body = parseQuery(x.requestBody, { depth: 10, arrayLimit: 1000 });
      }
    }
    const result = this.api.validateRequest(
      { method: x.method, path: path!, query, headers: x.requestHeaders, ...(body !== undefined ? { body } : {}) },
      op,
    );
    for (const e of (result.errors ?? []) as AjvError[]) v(describe(e));
    return out;
  }

  validateResponse(x: Exchange): Violation[] {
    const call = `${x.method} ${x.url} → ${x.status}`;
    const op = this.operationFor(x.method, x.url);
    if (!op) return [];
    const responses = (op.responses ?? {}) as Record<string, { content?: Record<string, unknown> }>;
    const declared = responses[String(x.status)] ?? responses[`${String(x.status)[0]}XX`] ?? responses.default;
    if (!declared)
      return [
        {
          side: 'response',
          call,
          operationId: op.operationId,
          message: `status ${x.status} is not a response of ${op.operationId} (${Object.keys(responses).join(', ')})`,
        },
      ];
    if (!declared.content || !x.responseBody) return [];
    let body: unknown;
    try {
      body = JSON.parse(x.responseBody);
    } catch {
      return [{ side: 'response', call, operationId: op.operationId, message: 'body is not valid JSON' }];
    }
    const validate = this.responseValidator(op, x.status);
    if (!validate || validate(body)) return [];
    return ((validate.errors ?? []) as AjvError[]).slice(0, 10).map((e) => ({
      side: 'response' as const,
      call,
      operationId: op.operationId,
      message: describe(e),
    }));
  }

  /** The JSON schema of an operation's response for a status, compiled once, by JSON pointer into the document. */
  private responseValidator(op: Operation, status: number): ValidateFunction | null {
    const key = `${op.operationId}:${status}`;
    if (this.responseValidators.has(key)) return this.responseValidators.get(key)!;
    const esc = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');
    const item = (this.raw.paths as Record<string, Record<string, { responses?: Record<string, unknown> }>>)[op.path];
    const responses = item?.[op.method.toLowerCase()]?.responses ?? {};
    const code = [String(status), `${String(status)[0]}XX`, 'default'].find((c) => c in responses);
    let pointer = `#/paths/${esc(op.path)}/${op.method.toLowerCase()}/responses/${code}`;
    let response = code ? (responses[code] as Record<string, unknown>) : undefined;
    if (response && typeof response.$ref === 'string') {
      pointer = response.$ref;
      const [, , section, name] = response.$ref.split('/');
      response = ((this.raw.components as Record<string, Record<string, unknown>>)[section!]?.[name!] ?? {}) as Record<
        string,
        unknown
      >;
    }
    const content = (response?.content ?? {}) as Record<string, { schema?: unknown }>;
    const media = Object.keys(content).find((m) => /json/.test(m)) ?? (content['*/*'] ? '*/*' : undefined);
    const validate =
      media && content[media]!.schema
        ? this.ajv.compile({ $ref: `vendor${pointer}/content/${esc(media)}/schema` })
        : null;
    this.responseValidators.set(key, validate);
    return validate;
  }

  /** Relative to the server URL of the document (Xero: `/api.xro/2.0`). */
  get serverPath(): string {
    return this.basePath;
  }
}

/**
 * Two readings of OpenAPI 3.0's `nullable` that Ajv does not share, said the JSON Schema way.
 * `nullable: true` may sit on a schema without `type` (Stripe: `anyOf` + `nullable`),
 * meaning "or null"; Ajv refuses to compile that, so it is said the JSON Schema way: a null branch.
 */
function nullableWithoutType(node: unknown, seen = new Set<object>()): void {
  if (!node || typeof node !== 'object' || seen.has(node)) return;
  seen.add(node);
  if (Array.isArray(node)) {
    for (const x of node) nullableWithoutType(x, seen);
    return;
  }
  const o = node as Record<string, unknown>;
  // `nullable` beside `enum` means "one of these, or null" to the vendors (Stripe answers status: null).
  if (o.nullable === true && Array.isArray(o.enum) && !o.enum.includes(null)) o.enum = [...o.enum, null];
  if (o.nullable === true && o.type === undefined && !('$ref' in o)) {
    delete o.nullable;
    const branches = (o.anyOf ?? o.oneOf) as unknown[] | undefined;
    if (branches) branches.push({ type: 'null' });
    else if (o.allOf) {
      o.anyOf = [{ allOf: o.allOf }, { type: 'null' }];
      delete o.allOf;
    }
  }
  for (const v of Object.values(o)) nullableWithoutType(v, seen);
}

/** Several documents of one vendor (HubSpot publishes one per object type): each call is checked by the one that has its path. */
export class ContractSet {
  constructor(readonly contracts: VendorContract[]) {}

  validate(x: Exchange): Violation[] {
    const owner = this.contracts.find((c) => c.operationFor(x.method, x.url));
    if (!owner)
      return [
        {
          side: 'request',
          call: `${x.method} ${x.url}`,
          message: `no operation ${x.method} ${x.url.split('?')[0]} in ${this.contracts.map((c) => c.name).join(', ')}`,
        },
      ];
    return owner.validate(x);
  }

  operationId(x: Pick<Exchange, 'method' | 'url'>): string | undefined {
    for (const c of this.contracts) {
      const op = c.operationFor(x.method, x.url);
      if (op) return op.operationId;
    }
    return undefined;
  }
}
