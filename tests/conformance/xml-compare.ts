import { XMLParser } from 'fast-xml-parser';
import { errorMessage } from '../../shared/error-message';

/**
 * Namespace-aware comparison of two XML documents: the same elements in the same namespaces and order,
 * the same text, the expected attributes with the same values (QName values such as xsi:type compared
 * by namespace). Prefixes, namespace declarations and whitespace-only text are free. Extra attributes
 * are allowed only for encoding annotations (xsi:type, encodingStyle), which a literal reader ignores.
 */
export interface XmlNode {
  ns: string;
  local: string;
  attrs: Map<string, string>;
  children: XmlNode[];
  text: string;
}

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  cdataPropName: '#cdata',
  processEntities: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

type Raw = Record<string, unknown>;
const local = (q: string) => q.slice(q.indexOf(':') + 1);
const prefix = (q: string) => (q.includes(':') ? q.slice(0, q.indexOf(':')) : '');

function build(raw: Raw, scope: Record<string, string>): XmlNode | undefined {
  const tag = Object.keys(raw).find((k) => k !== ':@');
  if (!tag || tag === '#text' || tag === '#cdata') return undefined;
  const attrsRaw = (raw[':@'] ?? {}) as Record<string, string>;
  const ns = { ...scope };
  for (const [k, v] of Object.entries(attrsRaw)) {
    if (k === 'xmlns') ns[''] = v;
    else if (k.startsWith('xmlns:')) ns[k.slice(6)] = v;
  }
  const resolveQName = (v: string) => (v.includes(':') ? `{${ns[prefix(v)] ?? prefix(v)}}${local(v)}` : v);
  const attrs = new Map<string, string>();
  for (const [k, v] of Object.entries(attrsRaw)) {
    if (k === 'xmlns' || k.startsWith('xmlns:')) continue;
    const key = prefix(k) ? `{${ns[prefix(k)] ?? prefix(k)}}${local(k)}` : local(k);
    attrs.set(key, key === `{${XSI}}type` ? resolveQName(v) : v);
  }
  const children: XmlNode[] = [];
  let text = '';
  for (const child of (raw[tag] ?? []) as Raw[]) {
    if ('#text' in child) text += String(child['#text']);
    else if ('#cdata' in child)
      text += ((child['#cdata'] ?? []) as Raw[]).map((t) => String(t['#text'] ?? '')).join('');
    else {
      const node = build(child, ns);
      if (node) children.push(node);
    }
  }
  return { ns: ns[prefix(tag)] ?? '', local: local(tag), attrs, children, text: text.trim() === '' ? '' : text };
}

export function parseXmlTree(xml: string): XmlNode {
  const raw = parser.parse(xml) as Raw[];
  for (const r of raw) {
    const node = build(r, {});
    if (node) return node;
  }
  throw new Error('no root element');
}

const ALLOWED_EXTRA = [`{${XSI}}type`, 'encodingStyle'];
const name = (n: XmlNode) => `{${n.ns}}${n.local}`;

/** undefined when equal, else where and how they differ. */
export function compareXml(actualXml: string, expectedXml: string): string | undefined {
  let actual: XmlNode;
  try {
    actual = parseXmlTree(actualXml);
  } catch (err) {
    return `the built request is not well-formed XML: ${errorMessage(err)}`;
  }
  const expected = parseXmlTree(expectedXml);
  return compareNodes(actual, expected, `/${expected.local}`);
}

function compareNodes(a: XmlNode, e: XmlNode, path: string): string | undefined {
  if (name(a) !== name(e)) return `${path}: element ${name(a)} where ${name(e)} was expected`;
  for (const [k, v] of e.attrs) {
    if (!a.attrs.has(k)) return `${path}: attribute ${k} missing`;
    if (a.attrs.get(k) !== v) return `${path}: attribute ${k} is "${a.attrs.get(k)}", expected "${v}"`;
  }
  for (const k of a.attrs.keys())
    if (!e.attrs.has(k) && !ALLOWED_EXTRA.some((x) => k === x || k.endsWith(`}${x}`)))
      return `${path}: unexpected attribute ${k}`;
  if (a.text !== e.text) return `${path}: text "${a.text.slice(0, 80)}", expected "${e.text.slice(0, 80)}"`;
  const n = Math.max(a.children.length, e.children.length);
  for (let i = 0; i < n; i++) {
    const ac = a.children[i];
    const ec = e.children[i];
    if (!ac) return `${path}: missing child ${name(ec!)}`;
    if (!ec) return `${path}: unexpected child ${name(ac)}`;
    const diff = compareNodes(ac, ec, `${path}/${ec.local}`);
    if (diff) return diff;
  }
  return undefined;
}
