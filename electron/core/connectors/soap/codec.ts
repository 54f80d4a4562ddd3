import type { WSDL } from 'soap';
import { AppError } from '../../../../shared/errors';
import { readBindings, type BindingOperation, type PortBinding, type WsdlBindings } from './binding';
import {
  loadWsdl,
  loadWsdlFromBundle,
  type FetchDocument,
  type SkippedImport,
  type WsdlBundle,
  type WsdlOptions,
} from './wsdl-load';
import { errorMessage } from '../../../../shared/error-message';

export const ENVELOPE_NS = {
  '1.1': 'http://schemas.xmlsoap.org/soap/envelope/',
  '1.2': 'http://www.w3.org/2003/05/soap-envelope',
} as const;
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const XSD = 'http://www.w3.org/2001/XMLSchema';
const SOAP_ENCODING = 'http://schemas.xmlsoap.org/soap/encoding/';

/**
 * Typed values from the schema: decimals stay decimal strings (never binary floating point), dates
 * and times stay their ISO text (a Date would shift a date-only value by the local zone), integers
 * beyond 2^53 stay strings. Booleans and the other numbers are node-soap's conversions.
 */
// A server that writes a JavaScript date string ("Thu Jun 19 2014 19:04:12 GMT-0700") still means an instant.
const isoOrLenient = (t: string) => {
  if (/^\d{4}-\d\d-\d\d/.test(t)) return t;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? t : new Date(ms).toISOString();
};
const integer = (t: string) => (Number.isSafeInteger(Number(t)) ? Number(t) : t.trim());
export const TYPED_DESERIALIZERS: Record<string, (text: string) => unknown> = {
  decimal: (t) => t.trim(),
  dateTime: (t) => isoOrLenient(t.trim()),
  date: (t) => t.trim(),
  time: (t) => t.trim(),
  long: integer,
  integer: integer,
  unsignedLong: integer,
  nonNegativeInteger: integer,
  positiveInteger: integer,
};

/* node-soap's model, typed as far as this module reads it. */
interface SoapMethod {
  $name: string;
  style?: string;
  input?: SoapMessage | null;
  output?: SoapMessage | null;
}
interface SoapMessage {
  $name: string;
  name?: string;
  parts?: Record<string, unknown>;
  targetNSAlias?: string;
  targetNamespace?: string;
  $type?: string;
  $lookupType?: string;
}
interface SoapDefinitions {
  $targetNamespace: string;
  xmlns: Record<string, string>;
  services: Record<string, { ports: Record<string, { binding: { methods: Record<string, SoapMethod> } }> }>;
}
interface WsdlInternals {
  definitions: SoapDefinitions;
  xmlnsInEnvelope: string;
  options: { attributesKey: string };
  objectToDocumentXML(name: string, params: unknown, prefix?: string, ns?: string, type?: string): string;
  objectToXML(obj: unknown, name: string, prefix: string, ns: string): string;
  xmlToObject(xml: string): { Header?: unknown; Body?: Record<string, unknown> } & Record<string, unknown>;
}

export interface SoapOperation {
  name: string;
  port: PortBinding;
  binding: BindingOperation;
  method: SoapMethod;
}

export interface BuiltRequest {
  envelope: string;
  soapAction: string;
  version: '1.1' | '1.2';
  headers: Record<string, string>;
}

export interface SoapFaultInfo {
  code: string;
  reason: string;
  detail?: unknown;
}

const xmlAttr = (s: string) => s.replace(/[<>&"]/g, (ch) => `&#${ch.charCodeAt(0)};`);

/**
 * A WSDL ready to serialize requests and parse answers: node-soap's schema-driven serializer and
 * parser (they pass the conformance corpus), plus what node-soap gets wrong for rpc (the wrapper's
 * namespace comes from the binding's soap:body, encoded parts carry xsi:type and encodingStyle) and
 * the WSDL-declared SOAP headers. No I/O: the transport is the connector runtime (see client.ts).
 */
export class SoapService {
  private constructor(
    readonly wsdl: WSDL,
    readonly bundle: WsdlBundle,
    readonly bindings: WsdlBindings,
  ) {}

  /** Imports that could not be read and were skipped (only with `skipUnreadableImports`). */
  skipped: SkippedImport[] = [];

  static async load(
    source: string,
    fetch: FetchDocument,
    options: WsdlOptions = {},
    opts: { skipUnreadableImports?: boolean } = {},
  ): Promise<SoapService> {
    const { wsdl, bundle, skipped } = await loadWsdl(source, fetch, withTyped(options), opts);
    const service = new SoapService(wsdl, bundle, readBindings(bundle));
    service.skipped = skipped;
    return service;
  }

  static async fromBundle(bundle: WsdlBundle, options: WsdlOptions = {}): Promise<SoapService> {
    const wsdl = await loadWsdlFromBundle(bundle, withTyped(options));
    return new SoapService(wsdl, bundle, readBindings(bundle));
  }

  private get internals(): WsdlInternals {
    return this.wsdl as WsdlInternals;
  }

  /** SOAP ports; when a service offers 1.1 and 1.2 ports of the same operations, 1.1 comes first. */
  get ports(): PortBinding[] {
    return [...this.bindings.ports].sort((a, b) => (a.version === b.version ? 0 : a.version === '1.1' ? -1 : 1));
  }

  /** The operation on the named port, or on the first port that has it. */
  operation(name: string, portName?: string): SoapOperation {
    const defs = this.internals.definitions;
    for (const port of this.ports) {
      if (portName && port.port !== portName) continue;
      const binding = port.operations.get(name);
      const method = defs.services[port.service]?.ports[port.port]?.binding.methods[name];
      if (binding && method) return { name, port, binding, method };
    }
    const known = [...new Set(this.ports.flatMap((p) => [...p.operations.keys()]))];
    throw new AppError(
      'not_found',
      `The WSDL ${this.bundle.root} has no SOAP operation "${name}"${portName ? ` on port ${portName}` : ''} (it has: ${known.join(', ') || 'none'}).`,
      { document: this.bundle.root, operation: name },
    );
  }

  /** The request envelope for `args` (node-soap's object conventions: `attributes`, `$value`, `$xml`). */
  buildRequest(
    operationName: string,
    args: Record<string, unknown> | null,
    opts: { port?: string; headers?: Record<string, unknown> } = {},
  ): BuiltRequest {
    const op = this.operation(operationName, opts.port);
    const version = op.port.version;
    const encoded = op.binding.input?.use === 'encoded';
    let body: string;
    try {
      body = op.binding.style === 'rpc' ? this.rpcBody(op, args ?? {}) : this.documentBody(op, args ?? {});
    } catch (err) {
      if (AppError.is(err)) throw err;
      throw new AppError(
        'unsupported',
        `${this.bundle.root}, operation ${operationName}: the request could not be built from the schema: ${errorMessage(err)}`,
        { document: this.bundle.root, operation: operationName },
      );
    }
    const header = this.headerXml(op, opts.headers ?? {});
    const envelope =
      `<?xml version="1.0" encoding="utf-8"?>` +
      `<soap:Envelope xmlns:soap="${ENVELOPE_NS[version]}" xmlns:xsi="${XSI}"` +
      (encoded ? ` soap:encodingStyle="${xmlAttr(op.binding.input?.encodingStyle ?? SOAP_ENCODING)}"` : '') +
      `${this.internals.xmlnsInEnvelope}>` +
      (header ? `<soap:Header>${header}</soap:Header>` : '') +
      `<soap:Body>${body}</soap:Body></soap:Envelope>`;
    const soapAction = op.binding.soapAction;
    const headers: Record<string, string> =
      version === '1.2'
        ? {
            'content-type': `application/soap+xml; charset=utf-8${soapAction ? `; action="${soapAction}"` : ''}`,
            accept: 'application/soap+xml, text/xml',
          }
        : { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${soapAction}"`, accept: 'text/xml' };
    return { envelope, soapAction, version, headers };
  }

  private documentBody(op: SoapOperation, args: Record<string, unknown>): string {
    const input = op.method.input;
    if (!input)
      throw new AppError('unsupported', `${this.bundle.root}, operation ${op.name}: no input message.`, {
        document: this.bundle.root,
        operation: op.name,
      });
    return this.internals.objectToDocumentXML(
      input.$name,
      args,
      input.targetNSAlias,
      input.targetNamespace,
      input.$type || input.$lookupType,
    );
  }

  /** rpc: `<ns:operation xmlns:ns="soap:body namespace">` with one unqualified accessor per part. */
  private rpcBody(op: SoapOperation, args: Record<string, unknown>): string {
    const w = this.internals;
    const defs = w.definitions;
    const ns = op.binding.input?.namespace || defs.$targetNamespace;
    const known = Object.entries(defs.xmlns).find(([p, uri]) => uri === ns && p !== '__tns__' && p !== '')?.[0];
    const prefix = known ?? 'rpc';
    const encoded = op.binding.input?.use === 'encoded';
    const parts = op.binding.inputMessage ? (this.bindings.messages.get(op.binding.inputMessage) ?? []) : [];
    const partType = new Map(parts.map((p) => [p.name, p.type]));
    const attrsKey = w.options.attributesKey;
    const xmlKey = (w.options as { xmlKey?: string }).xmlKey ?? '$xml';
    const partOf = new Map(parts.map((p) => [p.name, p]));
    const out: string[] = [`<${prefix}:${op.name} xmlns:${prefix}="${xmlAttr(ns)}">`];
    for (const [key, value] of Object.entries(args)) {
      if (key === '_xmlns' || value === undefined) continue;
      if (key === xmlKey) {
        out.push(String(value));
        continue;
      }
      // A part declared by element (not by type) is that global element, qualified as its schema says.
      const element = partOf.get(key)?.element;
      if (element) {
        out.push(
          w.objectToDocumentXML(
            element.name,
            value,
            this.prefixFor(element.namespace),
            element.namespace,
            element.name,
          ),
        );
        continue;
      }
      const attrs: string[] = [];
      if (value && typeof value === 'object' && attrsKey in value) {
        for (const [n, v] of Object.entries((value as Record<string, Record<string, unknown>>)[attrsKey]!))
          if (typeof v !== 'object') attrs.push(` ${n}="${xmlAttr(String(v))}"`);
      }
      const type = partType.get(key);
      if (encoded && type && !attrs.some((a) => /xsi:type=/.test(a))) {
        if (type.namespace === XSD) attrs.push(` xsi:type="xsd:${type.name}" xmlns:xsd="${XSD}"`);
        else attrs.push(` xsi:type="types:${type.name}" xmlns:types="${xmlAttr(type.namespace)}"`);
      }
      if (value === null) {
        out.push(`<${key}${attrs.join('')} xsi:nil="true"/>`);
        continue;
      }
      out.push(`<${key}${attrs.join('')}>`);
      out.push(typeof value === 'object' ? w.objectToXML(value, key, `${prefix}:`, ns) : escapeText(String(value)));
      out.push(`</${key}>`);
    }
    out.push(`</${prefix}:${op.name}>`);
    return out.join('');
  }

  private prefixFor(namespace: string): string | undefined {
    return Object.entries(this.internals.definitions.xmlns).find(
      ([p, uri]) => uri === namespace && p !== '__tns__',
    )?.[0];
  }

  /** WSDL-declared soap:header parts, serialized from their schema elements when the caller gives a value. */
  private headerXml(op: SoapOperation, values: Record<string, unknown>): string {
    const out: string[] = [];
    for (const h of op.binding.headers) {
      const part = this.bindings.messages
        .get(`${h.message.namespace} ${h.message.name}`)
        ?.find((p) => p.name === h.part);
      const el = part?.element;
      if (!el) continue;
      const value = values[el.name] ?? values[h.part];
      if (value === undefined) continue;
      const prefix =
        Object.entries(this.internals.definitions.xmlns).find(
          ([p, uri]) => uri === el.namespace && p !== '__tns__',
        )?.[0] ?? 'hdr';
      const xml = this.internals.objectToDocumentXML(el.name, value, prefix, el.namespace, el.name);
      // Declare the prefix on the header element itself: the envelope may not carry it.
      out.push(
        xml
          .replace(
            new RegExp(`^<${prefix}:${el.name}`),
            `<${prefix}:${el.name} xmlns:${prefix}="${xmlAttr(el.namespace)}"`,
          )
          .replace(/(xmlns:[\w-]+="[^"]*") \1/, '$1'),
      );
    }
    return out.join('');
  }

  /** Parse a response envelope into the output's typed value; a Fault becomes a thrown `SoapFaultError`. */
  parseResponse(operationName: string, xml: string, opts: { port?: string } = {}): unknown {
    const op = this.operation(operationName, opts.port);
    let obj: ReturnType<WsdlInternals['xmlToObject']>;
    try {
      obj = this.internals.xmlToObject(rootPart(xml));
    } catch (err) {
      const fault = faultOf(err);
      if (fault) throw new SoapFaultError(this.bundle.root, op.name, fault);
      throw new AppError(
        'bad_response',
        `${op.name}: the answer is not a readable SOAP envelope: ${errorMessage(err).split('\n')[0]}`,
        { operation: op.name },
      );
    }
    const output = op.method.output;
    if (!output) return null;
    const body = obj.Body;
    if (!body || typeof body !== 'object')
      throw new AppError('bad_response', `${op.name}: the answer has no SOAP Body.`, { operation: op.name });
    const name = op.name;
    return (
      body[output.$name] ??
      body[output.$name.replace(/(?:Out(?:put)?|Response)$/, '')] ??
      body[`${name}Response`] ??
      body[`${name}Out`] ??
      body[`${name}Output`] ??
      (Object.keys(body).length === 1 ? body[Object.keys(body)[0]!] : undefined) ??
      null
    );
  }
}

/**
 * An MTOM/SwA answer is multipart/related: the envelope is its root part (the xop+xml one, or the first).
 * Attachments are not supported; the envelope is still read.
 */
export function rootPart(text: string): string {
  const m = /^\s*--([^\r\n]+)\r?\n/.exec(text);
  if (!m) return text;
  const boundary = m[1]!.trim();
  const parts = text
    .split(`--${boundary}`)
    .slice(1)
    .filter((p) => !p.startsWith('--'));
  const pick =
    parts.find((p) => /application\/xop\+xml|text\/xml|application\/soap\+xml/i.test(p.split(/\r?\n\r?\n/)[0]!)) ??
    parts[0];
  if (!pick) return text;
  const at = pick.search(/\r?\n\r?\n/);
  return at < 0 ? pick : pick.slice(at).trim();
}

function withTyped(options: WsdlOptions): WsdlOptions {
  return { ...options, customDeserializer: { ...TYPED_DESERIALIZERS, ...(options.customDeserializer as object) } };
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** node-soap throws faults with the parsed envelope at `.root`. */
function faultOf(err: unknown): SoapFaultInfo | undefined {
  const root = (err as { root?: { Envelope?: { Body?: { Fault?: Record<string, unknown> } } } })?.root;
  const f = root?.Envelope?.Body?.Fault;
  if (!f) return undefined;
  const text = (v: unknown): string =>
    v && typeof v === 'object'
      ? text(
          (v as Record<string, unknown>).$value ??
            (v as Record<string, unknown>).Value ??
            (v as Record<string, unknown>).Text ??
            Object.values(v)[0],
        )
      : String(v ?? '');
  const code = f.faultcode ?? (f.Code as Record<string, unknown> | undefined)?.Value;
  const sub = (f.Code as Record<string, Record<string, unknown>> | undefined)?.Subcode?.Value;
  const reason = f.faultstring ?? (f.Reason as Record<string, unknown> | undefined)?.Text;
  const detail = f.detail ?? f.Detail;
  return { code: text(code) + (sub ? ` / ${text(sub)}` : ''), reason: text(reason), ...(detail ? { detail } : {}) };
}

/** A SOAP 1.1 or 1.2 Fault, with its detail as parsed (typed by the schema when the WSDL declares it). */
export class SoapFaultError extends AppError {
  constructor(
    document: string,
    operation: string,
    readonly fault: SoapFaultInfo,
  ) {
    super(
      'soap_fault',
      `SOAP fault from ${operation}: ${fault.code}: ${fault.reason || '(no reason given)'}${fault.detail === undefined ? ' (the fault has no detail)' : ''}`,
      {
        document,
        operation,
        faultcode: fault.code,
        faultstring: fault.reason,
        ...(fault.detail === undefined ? {} : { detail: fault.detail }),
      },
    );
  }
}
