import { XMLParser } from 'fast-xml-parser';
import { AppError } from '../../../../shared/errors';
import type { WsdlBundle } from './wsdl-load';
import { errorMessage } from '../../../../shared/error-message';

/**
 * What node-soap's model drops but a correct request needs: per binding operation the soap:body
 * namespace (the rpc wrapper's namespace), use and encodingStyle, the declared soap:header parts, the
 * SOAP version of the binding and the endpoint address. Read straight from the bundle's WSDL documents.
 */
export const SOAP11_BINDING = 'http://schemas.xmlsoap.org/wsdl/soap/';
export const SOAP12_BINDING = 'http://schemas.xmlsoap.org/wsdl/soap12/';
const WSDL11 = 'http://schemas.xmlsoap.org/wsdl/';
const WSDL20 = 'http://www.w3.org/ns/wsdl';

export interface BodyBinding {
  use: 'literal' | 'encoded';
  namespace?: string;
  encodingStyle?: string;
  parts?: string[];
}

export interface HeaderBinding {
  /** Message QName (namespace, local name) and the part that is the header element. */
  message: { namespace: string; name: string };
  part: string;
  use: 'literal' | 'encoded';
  namespace?: string;
}

export interface BindingOperation {
  name: string;
  soapAction: string;
  style: 'document' | 'rpc';
  input?: BodyBinding;
  output?: BodyBinding;
  headers: HeaderBinding[];
  inputMessage?: string;
  outputMessage?: string;
}

export interface MessagePart {
  name: string;
  element?: { namespace: string; name: string };
  type?: { namespace: string; name: string };
}

export interface PortBinding {
  service: string;
  port: string;
  binding: string;
  version: '1.1' | '1.2';
  address?: string;
  operations: Map<string, BindingOperation>;
}

export interface WsdlBindings {
  ports: PortBinding[];
  /** `namespace name` → the message's parts in document order (rpc encoding needs their types). */
  messages: Map<string, MessagePart[]>;
  /** portType operation → its input and output message names (`namespace name`). */
  portTypeMessages: Map<string, { input?: string; output?: string }>;
}

type Node = Record<string, unknown>;
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: false,
  parseAttributeValue: false,
  parseTagValue: false,
  isArray: () => true,
});

const local = (q: string) => q.slice(q.indexOf(':') + 1);
const prefix = (q: string) => (q.includes(':') ? q.slice(0, q.indexOf(':')) : '');

/** Namespaces in scope: the document root's declarations plus the element's own. */
function scope(parent: Record<string, string>, node: Node): Record<string, string> {
  let out = parent;
  for (const [k, v] of Object.entries(node)) {
    if (k === '@xmlns' || k.startsWith('@xmlns:')) {
      if (out === parent) out = { ...parent };
      out[k === '@xmlns' ? '' : k.slice(7)] = String(v);
    }
  }
  return out;
}

function kids(
  node: Node,
  ns: Record<string, string>,
  uri: string | string[],
  name: string,
): [Node, Record<string, string>][] {
  const uris = Array.isArray(uri) ? uri : [uri];
  const out: [Node, Record<string, string>][] = [];
  for (const [k, v] of Object.entries(node)) {
    if (k.startsWith('@') || k === '#text' || local(k) !== name) continue;
    for (const item of v as Node[]) {
      if (!item || typeof item !== 'object') continue;
      const s = scope(ns, item);
      if (uris.includes(s[prefix(k)] ?? '')) out.push([item, s]);
    }
  }
  return out;
}

const attr = (n: Node, a: string) => (n[`@${a}`] === undefined ? undefined : String(n[`@${a}`]));

function qname(q: string, ns: Record<string, string>, fallback: string) {
  const p = prefix(q);
  return { namespace: p ? (ns[p] ?? '') : (ns[''] ?? fallback), name: local(q) };
}

interface Definitions {
  node: Node;
  ns: Record<string, string>;
  targetNamespace: string;
  document: string;
}

function definitionsOf(bundle: WsdlBundle): Definitions[] {
  const out: Definitions[] = [];
  for (const [document, text] of Object.entries(bundle.documents)) {
    let doc: Node;
    try {
      doc = parser.parse(text) as Node;
    } catch (err) {
      throw new AppError('invalid_wsdl', `${document} is not well-formed XML: ${errorMessage(err).split('\n')[0]}`, {
        document,
      });
    }
    for (const [k, v] of Object.entries(doc)) {
      if (local(k) !== 'definitions' && local(k) !== 'description') continue;
      for (const node of v as Node[]) {
        const ns = scope({}, node);
        const uri = ns[prefix(k)] ?? '';
        if (uri === WSDL20)
          throw new AppError(
            'unsupported',
            `${document} is a WSDL 2.0 document; Patchbay imports WSDL 1.1 (most SOAP services publish both: ask for the 1.1 one, often ?wsdl).`,
            { document },
          );
        if (uri === WSDL11) out.push({ node, ns, targetNamespace: attr(node, 'targetNamespace') ?? '', document });
      }
    }
  }
  return out;
}

function bodyOf(node: Node, ns: Record<string, string>, soapNs: string): BodyBinding | undefined {
  const [body] = kids(node, ns, soapNs, 'body');
  if (!body) return undefined;
  const [b] = body;
  const parts = attr(b, 'parts');
  return {
    use: attr(b, 'use') === 'encoded' ? 'encoded' : 'literal',
    namespace: attr(b, 'namespace'),
    encodingStyle: attr(b, 'encodingStyle'),
    parts: parts ? parts.split(/\s+/).filter(Boolean) : undefined,
  };
}

/** Every SOAP port of every service in the bundle, with its binding's operations, and the messages. */
export function readBindings(bundle: WsdlBundle): WsdlBindings {
  const defs = definitionsOf(bundle);
  const messages = new Map<string, MessagePart[]>();
  const portTypeMessages = new Map<string, { input?: string; output?: string }>();
  for (const d of defs) {
    for (const [m, mns] of kids(d.node, d.ns, WSDL11, 'message')) {
      const parts: MessagePart[] = kids(m, mns, WSDL11, 'part').map(([p, pns]) => ({
        name: attr(p, 'name') ?? '',
        element: attr(p, 'element') ? qname(attr(p, 'element')!, pns, d.targetNamespace) : undefined,
        type: attr(p, 'type') ? qname(attr(p, 'type')!, pns, d.targetNamespace) : undefined,
      }));
      messages.set(`${d.targetNamespace} ${attr(m, 'name') ?? ''}`, parts);
    }
    for (const [pt, ptns] of kids(d.node, d.ns, WSDL11, 'portType')) {
      for (const [op, ons] of kids(pt, ptns, WSDL11, 'operation')) {
        const ref = (dir: string) => {
          const [io, ions] = kids(op, ons, WSDL11, dir)[0] ?? [];
          const q =
            io && ions && attr(io, 'message') ? qname(attr(io, 'message')!, ions, d.targetNamespace) : undefined;
          return q ? `${q.namespace} ${q.name}` : undefined;
        };
        portTypeMessages.set(`${d.targetNamespace} ${attr(pt, 'name') ?? ''} ${attr(op, 'name') ?? ''}`, {
          input: ref('input'),
          output: ref('output'),
        });
      }
    }
  }
  if (!defs.length)
    throw new AppError('invalid_wsdl', `${bundle.root} has no WSDL 1.1 <definitions> element.`, {
      document: bundle.root,
    });
  const bindings = new Map<
    string,
    { version: '1.1' | '1.2'; style: string; node: Node; ns: Record<string, string>; portType: string }
  >();
  for (const d of defs) {
    for (const [b, bns] of kids(d.node, d.ns, WSDL11, 'binding')) {
      const name = attr(b, 'name') ?? '';
      const soap11 = kids(b, bns, SOAP11_BINDING, 'binding')[0];
      const soap12 = kids(b, bns, SOAP12_BINDING, 'binding')[0];
      const sb = soap11 ?? soap12;
      if (!sb) continue; // an HTTP or MIME binding: not SOAP
      const pt = qname(attr(b, 'type') ?? '', bns, d.targetNamespace);
      bindings.set(`${d.targetNamespace} ${name}`, {
        portType: `${pt.namespace} ${pt.name}`,
        version: soap11 ? '1.1' : '1.2',
        style: attr(sb[0], 'style') ?? 'document',
        node: b,
        ns: bns,
      });
    }
  }
  const ports: PortBinding[] = [];
  for (const d of defs) {
    for (const [svc, sns] of kids(d.node, d.ns, WSDL11, 'service')) {
      for (const [port, pns] of kids(svc, sns, WSDL11, 'port')) {
        const ref = qname(attr(port, 'binding') ?? '', pns, d.targetNamespace);
        const b = bindings.get(`${ref.namespace} ${ref.name}`);
        if (!b) continue;
        const soapNs = b.version === '1.1' ? SOAP11_BINDING : SOAP12_BINDING;
        const address = kids(port, pns, soapNs, 'address')[0];
        const operations = new Map<string, BindingOperation>();
        for (const [op, ons] of kids(b.node, b.ns, WSDL11, 'operation')) {
          const name = attr(op, 'name') ?? '';
          const soapOp = kids(op, ons, soapNs, 'operation')[0];
          const [input, ins] = kids(op, ons, WSDL11, 'input')[0] ?? [];
          const [output, ons2] = kids(op, ons, WSDL11, 'output')[0] ?? [];
          const headers: HeaderBinding[] = [];
          if (input && ins) {
            for (const [h, hns] of kids(input, ins, soapNs, 'header')) {
              headers.push({
                message: qname(attr(h, 'message') ?? '', hns, d.targetNamespace),
                part: attr(h, 'part') ?? '',
                use: attr(h, 'use') === 'encoded' ? 'encoded' : 'literal',
                namespace: attr(h, 'namespace'),
              });
            }
          }
          const io = portTypeMessages.get(`${b.portType} ${name}`);
          operations.set(name, {
            name,
            inputMessage: io?.input,
            outputMessage: io?.output,
            soapAction: (soapOp && attr(soapOp[0], 'soapAction')) ?? '',
            style: ((soapOp && attr(soapOp[0], 'style')) ?? b.style) === 'rpc' ? 'rpc' : 'document',
            input: input && ins ? bodyOf(input, ins, soapNs) : undefined,
            output: output && ons2 ? bodyOf(output, ons2, soapNs) : undefined,
            headers,
          });
        }
        ports.push({
          service: attr(svc, 'name') ?? '',
          port: attr(port, 'name') ?? '',
          binding: ref.name,
          version: b.version,
          address: address ? attr(address[0], 'location') : undefined,
          operations,
        });
      }
    }
  }
  return { ports, messages, portTypeMessages };
}
