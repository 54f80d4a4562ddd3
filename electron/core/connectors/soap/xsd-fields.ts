import { XMLParser } from 'fast-xml-parser';
import type { FieldType } from '../../../../shared/models/field-schema';
import type { WsdlBundle } from './wsdl-load';

/**
 * Typed fields from the WSDL's XML Schemas: sequences, choices, all, attributes, element and type
 * references, complexContent extension, simpleContent, arrays (maxOccurs), nillable, enumerations
 * and the XSD built-in types. What the importer shows and the connector's field schema is built from.
 */
export interface XsdField {
  name: string;
  /** Set when the element or attribute is namespace-qualified (elementFormDefault / form / global). */
  namespace?: string;
  kind: 'element' | 'attribute' | 'value';
  type: FieldType;
  /** The XSD type's local name (`decimal`, `dateTime`, a named complex type). */
  xsdType: string;
  required: boolean;
  array: boolean;
  nillable: boolean;
  enum?: string[];
  /** A member of an xs:choice: at most one of its siblings in the choice is sent. */
  choice?: boolean;
  children?: XsdField[];
}

/** A construct the walker does not type; the importer lists it with the operation it affects. */
export interface XsdGap {
  element: string;
  construct: string;
}

export const XSD = 'http://www.w3.org/2001/XMLSchema';
const SOAP_ENC = 'http://schemas.xmlsoap.org/soap/encoding/';

type Node = Record<string, unknown>;
type Ns = Record<string, string>;
interface SchemaInfo {
  targetNamespace: string;
  elementQualified: boolean;
  attributeQualified: boolean;
  document: string;
}

const local = (q: string) => q.slice(q.indexOf(':') + 1);
const prefixOf = (q: string) => (q.includes(':') ? q.slice(0, q.indexOf(':')) : '');
const attr = (n: Node, a: string) => (n[`@${a}`] === undefined ? undefined : String(n[`@${a}`]));

function withScope(parent: Ns, node: Node): Ns {
  let out = parent;
  for (const [k, v] of Object.entries(node)) {
    if (k === '@xmlns' || k.startsWith('@xmlns:')) {
      if (out === parent) out = { ...parent };
      out[k === '@xmlns' ? '' : k.slice(7)] = String(v);
    }
  }
  return out;
}

/** XSD children in document order is not kept by the parser per name; sequences need order, so keep it. */
const orderedParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: false,
  parseTagValue: false,
  preserveOrder: true,
});
type ONode = { tag: string; attrs: Node; children: ONode[] };
function toOrdered(raw: Record<string, unknown>[]): ONode[] {
  const out: ONode[] = [];
  for (const r of raw) {
    const tag = Object.keys(r).find((k) => k !== ':@');
    if (!tag || tag.startsWith('#') || tag.startsWith('?')) continue;
    out.push({ tag, attrs: (r[':@'] ?? {}) as Node, children: toOrdered((r[tag] ?? []) as Record<string, unknown>[]) });
  }
  return out;
}

export const BUILTIN: Record<string, FieldType> = {
  string: 'string',
  normalizedString: 'string',
  token: 'string',
  language: 'string',
  Name: 'string',
  NCName: 'string',
  ID: 'string',
  IDREF: 'string',
  QName: 'string',
  anyURI: 'string',
  base64Binary: 'string',
  hexBinary: 'string',
  time: 'string',
  duration: 'string',
  gYear: 'string',
  gYearMonth: 'string',
  int: 'integer',
  integer: 'integer',
  long: 'integer',
  short: 'integer',
  byte: 'integer',
  nonNegativeInteger: 'integer',
  positiveInteger: 'integer',
  negativeInteger: 'integer',
  nonPositiveInteger: 'integer',
  unsignedInt: 'integer',
  unsignedLong: 'integer',
  unsignedShort: 'integer',
  unsignedByte: 'integer',
  // Decimals are exact: strings in Patchbay (see the money convention), flagged with format decimal.
  decimal: 'string',
  float: 'number',
  double: 'number',
  boolean: 'boolean',
  date: 'date',
  dateTime: 'datetime',
  anyType: 'string',
  anySimpleType: 'string',
};

interface Tables {
  elements: Map<string, OD>;
  complexTypes: Map<string, OD>;
  simpleTypes: Map<string, OD>;
  groups: Map<string, OD>;
  attributeGroups: Map<string, OD>;
  attributes: Map<string, OD>;
}
interface OD {
  node: ONode;
  ns: Ns;
  schema: SchemaInfo;
}

const key = (ns: string, name: string) => `{${ns}}${name}`;

export class XsdIndex {
  private readonly t: Tables = {
    elements: new Map(),
    complexTypes: new Map(),
    simpleTypes: new Map(),
    groups: new Map(),
    attributeGroups: new Map(),
    attributes: new Map(),
  };

  constructor(bundle: WsdlBundle) {
    for (const [document, text] of Object.entries(bundle.documents)) {
      let roots: ONode[];
      try {
        roots = toOrdered(orderedParser.parse(text) as Record<string, unknown>[]);
      } catch {
        continue; // the binding reader reports unreadable documents by name
      }
      for (const root of roots) this.collect(root, withScope({}, root.attrs), document);
    }
  }

  private collect(node: ONode, ns: Ns, document: string): void {
    const name = local(node.tag);
    if (name === 'schema' && ns[prefixOf(node.tag)] === XSD) {
      const schema: SchemaInfo = {
        targetNamespace: attr(node.attrs, 'targetNamespace') ?? '',
        elementQualified: attr(node.attrs, 'elementFormDefault') === 'qualified',
        attributeQualified: attr(node.attrs, 'attributeFormDefault') === 'qualified',
        document,
      };
      for (const child of node.children) {
        const cns = withScope(ns, child.attrs);
        const n = attr(child.attrs, 'name');
        if (!n) continue;
        const table = (
          {
            element: this.t.elements,
            complexType: this.t.complexTypes,
            simpleType: this.t.simpleTypes,
            group: this.t.groups,
            attributeGroup: this.t.attributeGroups,
            attribute: this.t.attributes,
          } as Record<string, Map<string, OD>>
        )[local(child.tag)];
        table?.set(key(schema.targetNamespace, n), { node: child, ns: cns, schema });
      }
      return;
    }
    for (const child of node.children) this.collect(child, withScope(ns, child.attrs), document);
  }

  private resolve(q: string, ns: Ns, fallback: string): { namespace: string; name: string } {
    const p = prefixOf(q);
    return { namespace: p ? (ns[p] ?? '') : (ns[''] ?? fallback), name: local(q) };
  }

  hasElement(namespace: string, name: string): boolean {
    return this.t.elements.has(key(namespace, name));
  }

  /** The fields of a global element's content (a wrapper's children), or undefined when unknown. */
  elementFields(namespace: string, name: string, gaps: XsdGap[]): XsdField | undefined {
    const d = this.t.elements.get(key(namespace, name));
    if (!d) return undefined;
    return this.element(d.node, d.ns, d.schema, true, gaps, [], false);
  }

  /** The fields of a named type (rpc parts are declared by type). */
  typeField(partName: string, namespace: string, name: string, gaps: XsdGap[]): XsdField {
    return this.typed(
      { name: partName, kind: 'element', required: true, array: false, nillable: false },
      namespace,
      name,
      gaps,
      [],
    );
  }

  private typed(
    base: Omit<XsdField, 'type' | 'xsdType'>,
    namespace: string,
    name: string,
    gaps: XsdGap[],
    stack: string[],
  ): XsdField {
    if (namespace === XSD) return { ...base, type: BUILTIN[name] ?? 'string', xsdType: name };
    if (namespace === SOAP_ENC && name === 'Array') return { ...base, type: 'array', xsdType: 'Array', array: true };
    const k = key(namespace, name);
    const ct = this.t.complexTypes.get(k);
    if (ct) {
      if (stack.includes(k)) return { ...base, type: 'object', xsdType: name }; // self-referencing: stop here
      return this.complex(base, ct.node, ct.ns, ct.schema, name, gaps, [...stack, k]);
    }
    const st = this.t.simpleTypes.get(k);
    if (st) return this.simple(base, st.node, st.ns, st.schema, gaps, stack);
    gaps.push({
      element: base.name,
      construct: `type {${namespace}}${name} is not declared in any schema of the WSDL`,
    });
    return { ...base, type: 'string', xsdType: name };
  }

  private simple(
    base: Omit<XsdField, 'type' | 'xsdType'>,
    node: ONode,
    ns: Ns,
    schema: SchemaInfo,
    gaps: XsdGap[],
    stack: string[],
  ): XsdField {
    for (const c of node.children) {
      const cns = withScope(ns, c.attrs);
      const l = local(c.tag);
      if (l === 'restriction') {
        const enums = c.children.filter((e) => local(e.tag) === 'enumeration').map((e) => attr(e.attrs, 'value') ?? '');
        const inner = c.children.find((e) => local(e.tag) === 'simpleType');
        const b = attr(c.attrs, 'base');
        const f = inner
          ? this.simple(base, inner, withScope(cns, inner.attrs), schema, gaps, stack)
          : b
            ? (() => {
                const q = this.resolve(b, cns, schema.targetNamespace);
                return this.typed(base, q.namespace, q.name, gaps, stack);
              })()
            : { ...base, type: 'string' as FieldType, xsdType: 'string' };
        return enums.length ? { ...f, enum: enums } : f;
      }
      if (l === 'list' || l === 'union') return { ...base, type: 'string', xsdType: l };
    }
    return { ...base, type: 'string', xsdType: 'string' };
  }

  private element(
    node: ONode,
    ns: Ns,
    schema: SchemaInfo,
    global: boolean,
    gaps: XsdGap[],
    stack: string[],
    inChoice: boolean,
  ): XsdField {
    const ref = attr(node.attrs, 'ref');
    const min = attr(node.attrs, 'minOccurs');
    const max = attr(node.attrs, 'maxOccurs');
    const occurs = {
      required: !inChoice && min !== '0',
      array: max === 'unbounded' || (max !== undefined && Number(max) > 1),
    };
    if (ref) {
      const q = this.resolve(ref, ns, schema.targetNamespace);
      const d = this.t.elements.get(key(q.namespace, q.name));
      if (!d) {
        gaps.push({ element: q.name, construct: `element ref {${q.namespace}}${q.name} is not declared` });
        return {
          name: q.name,
          namespace: q.namespace,
          kind: 'element',
          type: 'string',
          xsdType: 'string',
          nillable: false,
          ...occurs,
        };
      }
      const f = this.element(d.node, d.ns, d.schema, true, gaps, stack, inChoice);
      return { ...f, ...occurs, ...(inChoice ? { choice: true } : {}) };
    }
    const name = attr(node.attrs, 'name') ?? '';
    const form = attr(node.attrs, 'form');
    const qualified = global || form === 'qualified' || (form === undefined && schema.elementQualified);
    const base: Omit<XsdField, 'type' | 'xsdType'> = {
      name,
      ...(qualified ? { namespace: schema.targetNamespace } : {}),
      kind: 'element',
      nillable: attr(node.attrs, 'nillable') === 'true',
      ...occurs,
      ...(inChoice ? { choice: true } : {}),
    };
    const type = attr(node.attrs, 'type');
    if (type) {
      const q = this.resolve(type, ns, schema.targetNamespace);
      return this.typed(base, q.namespace, q.name, gaps, stack);
    }
    const ct = node.children.find((c) => local(c.tag) === 'complexType');
    if (ct) return this.complex(base, ct, withScope(ns, ct.attrs), schema, name, gaps, stack);
    const st = node.children.find((c) => local(c.tag) === 'simpleType');
    if (st) return this.simple(base, st, withScope(ns, st.attrs), schema, gaps, stack);
    return { ...base, type: 'string', xsdType: 'anyType' };
  }

  private complex(
    base: Omit<XsdField, 'type' | 'xsdType'>,
    node: ONode,
    ns: Ns,
    schema: SchemaInfo,
    typeName: string,
    gaps: XsdGap[],
    stack: string[],
  ): XsdField {
    const children: XsdField[] = [];
    this.content(node, ns, schema, children, gaps, stack, false);
    const soapArray = children.length === 1 && children[0]!.xsdType === 'Array';
    if (soapArray) return { ...base, type: 'array', xsdType: typeName, array: true };
    const value = children.find((c) => c.kind === 'value');
    if (value && children.every((c) => c.kind !== 'element'))
      return {
        ...base,
        type: value.type,
        xsdType: value.xsdType,
        ...(value.enum ? { enum: value.enum } : {}),
        children,
      };
    return { ...base, type: 'object', xsdType: typeName, children };
  }

  private content(
    node: ONode,
    ns: Ns,
    schema: SchemaInfo,
    out: XsdField[],
    gaps: XsdGap[],
    stack: string[],
    inChoice: boolean,
  ): void {
    for (const c of node.children) {
      const cns = withScope(ns, c.attrs);
      switch (local(c.tag)) {
        case 'sequence':
        case 'all':
          this.content(c, cns, schema, out, gaps, stack, inChoice);
          break;
        case 'choice':
          this.content(c, cns, schema, out, gaps, stack, true);
          break;
        case 'element':
          out.push(this.element(c, cns, schema, false, gaps, stack, inChoice));
          break;
        case 'group':
        case 'attributeGroup': {
          const ref = attr(c.attrs, 'ref');
          if (!ref) break;
          const q = this.resolve(ref, cns, schema.targetNamespace);
          const table = local(c.tag) === 'group' ? this.t.groups : this.t.attributeGroups;
          const d = table.get(key(q.namespace, q.name));
          if (d) this.content(d.node, d.ns, d.schema, out, gaps, stack, inChoice);
          else
            gaps.push({ element: q.name, construct: `${local(c.tag)} ref {${q.namespace}}${q.name} is not declared` });
          break;
        }
        case 'attribute':
          out.push(this.attribute(c, cns, schema, gaps, stack));
          break;
        case 'complexContent':
        case 'simpleContent': {
          const simple = local(c.tag) === 'simpleContent';
          for (const d of c.children) {
            const dns = withScope(cns, d.attrs);
            const b = attr(d.attrs, 'base');
            if (!b) continue;
            const q = this.resolve(b, dns, schema.targetNamespace);
            if (q.namespace === SOAP_ENC && q.name === 'Array') {
              out.push({
                name: '',
                kind: 'value',
                type: 'array',
                xsdType: 'Array',
                required: false,
                array: true,
                nillable: false,
              });
              continue;
            }
            if (simple) {
              const v = this.typed(
                { name: '$value', kind: 'value', required: true, array: false, nillable: false },
                q.namespace,
                q.name,
                gaps,
                stack,
              );
              if (v.children) out.push(...v.children.filter((x) => x.kind !== 'value'));
              out.push({ ...v, kind: 'value', children: undefined });
            } else if (local(d.tag) === 'extension') {
              const k = key(q.namespace, q.name);
              const ct = this.t.complexTypes.get(k);
              if (ct && !stack.includes(k)) this.content(ct.node, ct.ns, ct.schema, out, gaps, [...stack, k], inChoice);
              else if (!ct && q.namespace !== XSD)
                gaps.push({ element: q.name, construct: `base type {${q.namespace}}${q.name} is not declared` });
            }
            this.content(d, dns, schema, out, gaps, stack, inChoice);
          }
          break;
        }
        case 'any':
          gaps.push({ element: '(any)', construct: 'xs:any (free-form content) is passed through untyped' });
          break;
        default:
          break;
      }
    }
  }

  private attribute(node: ONode, ns: Ns, schema: SchemaInfo, gaps: XsdGap[], stack: string[]): XsdField {
    const ref = attr(node.attrs, 'ref');
    if (ref) {
      const q = this.resolve(ref, ns, schema.targetNamespace);
      const d = this.t.attributes.get(key(q.namespace, q.name));
      if (d) return { ...this.attribute(d.node, d.ns, d.schema, gaps, stack), namespace: q.namespace };
      return {
        name: q.name,
        namespace: q.namespace,
        kind: 'attribute',
        type: 'string',
        xsdType: 'string',
        required: false,
        array: false,
        nillable: false,
      };
    }
    const name = attr(node.attrs, 'name') ?? '';
    const form = attr(node.attrs, 'form');
    const qualified = form === 'qualified' || (form === undefined && schema.attributeQualified);
    const base = {
      name,
      ...(qualified ? { namespace: schema.targetNamespace } : {}),
      kind: 'attribute' as const,
      required: attr(node.attrs, 'use') === 'required',
      array: false,
      nillable: false,
    };
    const type = attr(node.attrs, 'type');
    if (type) {
      const q = this.resolve(type, ns, schema.targetNamespace);
      return { ...this.typed(base, q.namespace, q.name, gaps, stack), kind: 'attribute' };
    }
    const st = node.children.find((c) => local(c.tag) === 'simpleType');
    if (st) return { ...this.simple(base, st, withScope(ns, st.attrs), schema, gaps, stack), kind: 'attribute' };
    return { ...base, type: 'string', xsdType: 'string' };
  }
}
