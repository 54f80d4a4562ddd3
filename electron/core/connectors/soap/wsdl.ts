import { XMLParser } from 'fast-xml-parser';
import { AppError } from '../../../../shared/errors';

export interface WsdlOperation {
  name: string;
  soapAction: string;
  /** Body element of the request (document/literal wrapped: usually the operation name). */
  inputElement: string;
  inputNamespace: string;
}

export interface WsdlInfo {
  targetNamespace: string;
  endpoint?: string;
  version: '1.1' | '1.2';
  operations: Map<string, WsdlOperation>;
}

// Prefixes kept here (unlike body parsing) because WSDL refers to elements by `prefix:name`.
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: false,
  isArray: (name) => /(^|:)(operation|message|part|port|binding|service|portType)$/.test(name),
});

const local = (qname: string) => qname.slice(qname.indexOf(':') + 1);
const prefixOf = (qname: string) => (qname.includes(':') ? qname.slice(0, qname.indexOf(':')) : '');

type Node = Record<string, unknown>;
function children(node: Node, name: string): Node[] {
  const out: Node[] = [];
  for (const [k, v] of Object.entries(node)) {
    if (k.startsWith('@') || local(k) !== name) continue;
    for (const item of Array.isArray(v) ? v : [v]) if (item && typeof item === 'object') out.push(item as Node);
  }
  return out;
}

/** Enough of WSDL 1.1 for document/literal services: operations, SOAPAction, body element, endpoint. */
export function parseWsdl(text: string): WsdlInfo {
  let doc: Node;
  try {
    doc = parser.parse(text) as Node;
  } catch (err) {
    throw new AppError('invalid_definition', `WSDL is not well-formed XML: ${(err as Error).message}`);
  }
  const defs = children(doc, 'definitions')[0];
  if (!defs) throw new AppError('invalid_definition', 'Document is not a WSDL 1.1 <definitions> document.');
  const ns: Record<string, string> = {};
  for (const [k, v] of Object.entries(defs)) if (k.startsWith('@xmlns:')) ns[k.slice(7)] = String(v);
  const targetNamespace = String(defs['@targetNamespace'] ?? '');

  const messages = new Map<string, { element: string; namespace: string }>();
  for (const m of children(defs, 'message')) {
    const part = children(m, 'part')[0];
    const el = part?.['@element'] ? String(part['@element']) : undefined;
    if (el) messages.set(String(m['@name']), { element: local(el), namespace: ns[prefixOf(el)] ?? targetNamespace });
  }
  const inputs = new Map<string, { element: string; namespace: string }>();
  for (const pt of children(defs, 'portType')) {
    for (const op of children(pt, 'operation')) {
      const input = children(op, 'input')[0];
      const msg = input?.['@message'] ? messages.get(local(String(input['@message']))) : undefined;
      if (msg) inputs.set(String(op['@name']), msg);
    }
  }
  const operations = new Map<string, WsdlOperation>();
  let version: '1.1' | '1.2' = '1.1';
  for (const b of children(defs, 'binding')) {
    const is12 = Object.keys(b).some((k) => k.endsWith(':binding') && ns[prefixOf(k)]?.includes('soap12'));
    if (is12) version = '1.2';
    for (const op of children(b, 'operation')) {
      const name = String(op['@name']);
      const soapOp = children(op, 'operation')[0];
      const input = inputs.get(name);
      operations.set(name, {
        name,
        soapAction: soapOp?.['@soapAction'] !== undefined ? String(soapOp['@soapAction']) : '',
        inputElement: input?.element ?? name,
        inputNamespace: input?.namespace ?? targetNamespace,
      });
    }
  }
  let endpoint: string | undefined;
  for (const svc of children(defs, 'service')) {
    for (const port of children(svc, 'port')) {
      const addr = children(port, 'address')[0];
      if (addr?.['@location']) endpoint ??= String(addr['@location']);
    }
  }
  return { targetNamespace, endpoint, version, operations };
}
