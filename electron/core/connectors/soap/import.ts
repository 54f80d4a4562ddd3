import { AppError } from '../../../../shared/errors';
import type { ConnectorDefinition, OperationInput, Pagination } from '../../../../shared/models/connector';
import { parseConnectorDefinition } from '../../../../shared/models/connector';
import type { FieldSchemaInput } from '../../../../shared/models/field-schema';
import type { WsdlImportInput, WsdlInspection, WsdlOperationInfo } from '../../../../shared/models/wsdl-import';
import { readBindings, type BindingOperation, type PortBinding, type WsdlBindings } from './binding';
import { XsdIndex, type XsdField, type XsdGap } from './xsd-fields';
import type { WsdlBundle } from './wsdl-load';

/**
 * WSDL → connector, in the import wizard's two steps: inspect (every operation with its typed input and
 * output, a guessed role, resource, paging parameters and record path; operations that cannot be used,
 * with the reason) and build (the user's choices → a `kind: soap` definition carrying the WSDL bundle).
 * Pure: no I/O, no node-soap, so the built-in warehouse is built the same way at start-up.
 */
const ROLE_PATTERNS: [WsdlOperationInfo['role'], RegExp][] = [
  ['list', /^(list|search|find|query|getall|getlist|browse)/i],
  ['create', /^(create|add|insert|new|register|submit|post)/i],
  ['update', /^(update|modify|change|edit|set|patch)/i],
  ['delete', /^(delete|remove|cancel|destroy)/i],
  ['get', /^(get|read|fetch|retrieve|lookup|load)/i],
];

function roleOf(op: string): { role: WsdlOperationInfo['role']; noun: string } {
  for (const [role, re] of ROLE_PATTERNS) {
    const m = re.exec(op);
    if (m) return { role, noun: op.slice(m[0].length) || op };
  }
  return { role: 'other', noun: op };
}

const snake = (s: string) =>
  s
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toLowerCase();

function resourceName(noun: string): string {
  const base = snake(noun).replace(/(_request|_input)$/, '') || 'records';
  const singular = base.endsWith('ies') ? `${base.slice(0, -3)}y` : base.replace(/s$/, '');
  const plural = singular.endsWith('y') ? `${singular.slice(0, -1)}ies` : `${singular}s`;
  return /^[a-z]/.test(plural) ? plural : `r_${plural}`;
}

/** The first array of records in an output (depth-first), as a dotted path. */
function firstArray(f: XsdField, path: string[] = []): { path: string[]; item: XsdField } | undefined {
  for (const c of f.children ?? []) {
    if (c.kind !== 'element') continue;
    if (c.array) return { path: [...path, c.name], item: c };
    const found = firstArray(c, [...path, c.name]);
    if (found) return found;
  }
  return undefined;
}

/** The first complex child (a single record in a get/create/update answer). */
function firstObject(f: XsdField): XsdField | undefined {
  return f.children?.find((c) => c.kind === 'element' && c.type === 'object');
}

const PAGE = /^(page|pageNumber|pageNo|pageIndex|pageNum)$/i;
const SIZE = /^(pageSize|perPage|limit|maxResults|count|size|pageLength)$/i;
const OFFSET = /^(offset|start|startIndex|skip|first)$/i;
const SINCE = /(updated|modified|changed)(Since|After|From)$|^since$|^(modifiedAfter|changedSince)$/i;
const CURSOR = /^(updatedAt|updated|modifiedAt|modified|lastModified\w*|changedAt|updateTime)$/i;

function paging(input?: XsdField): Pagination | undefined {
  const names = (input?.children ?? []).map((c) => c.name);
  const page = names.find((n) => PAGE.test(n));
  const size = names.find((n) => SIZE.test(n));
  const offset = names.find((n) => OFFSET.test(n));
  if (page) return { style: 'page_number', pageParam: page, ...(size ? { sizeParam: size } : {}), firstPage: 1 };
  if (offset && size) return { style: 'offset_limit', offsetParam: offset, limitParam: size };
  return undefined;
}

interface Analysed {
  info: WsdlOperationInfo;
  input?: XsdField;
  output?: XsdField;
  recordFields?: XsdField[];
}

function fieldsOfMessage(
  bindings: WsdlBindings,
  index: XsdIndex,
  op: BindingOperation,
  dir: 'input' | 'output',
  gaps: XsdGap[],
): { field?: XsdField; responseKey?: string; problem?: string } {
  const msgKey = dir === 'input' ? op.inputMessage : op.outputMessage;
  if (!msgKey) return dir === 'output' ? {} : { problem: 'it has no input message' };
  const parts = bindings.messages.get(msgKey);
  if (!parts) return { problem: `its ${dir} message ${msgKey.split(' ')[1]} is not declared` };
  const body = op[dir];
  const used = body?.parts ? parts.filter((p) => body.parts!.includes(p.name)) : parts;
  if (op.style === 'document') {
    if (used.length === 0)
      return {
        field: {
          name: '',
          kind: 'element',
          type: 'object',
          xsdType: '',
          required: true,
          array: false,
          nillable: false,
          children: [],
        },
      };
    if (used.length > 1)
      return { problem: `document style with ${used.length} body parts (only one is allowed by WS-I)` };
    const part = used[0]!;
    if (!part.element) {
      if (!part.type) return { problem: `part "${part.name}" has neither element nor type` };
      return { field: index.typeField(part.name, part.type.namespace, part.type.name, gaps), responseKey: part.name };
    }
    const f = index.elementFields(part.element.namespace, part.element.name, gaps);
    if (!f) return { problem: `element {${part.element.namespace}}${part.element.name} is not declared in any schema` };
    return { field: f, responseKey: part.element.name };
  }
  // rpc: the wrapper is the operation (or its response), the parts its children.
  const children = used.map((p) =>
    p.element
      ? (index.elementFields(p.element.namespace, p.element.name, gaps) ?? {
          name: p.name,
          kind: 'element' as const,
          type: 'string' as const,
          xsdType: 'string',
          required: true,
          array: false,
          nillable: false,
        })
      : index.typeField(p.name, p.type?.namespace ?? '', p.type?.name ?? 'string', gaps),
  );
  const wrapper = dir === 'input' ? op.name : msgKey.split(' ')[1]!;
  return {
    field: {
      name: wrapper,
      kind: 'element',
      type: 'object',
      xsdType: '',
      required: true,
      array: false,
      nillable: false,
      children,
    },
    responseKey: wrapper,
  };
}

function analyse(
  bindings: WsdlBindings,
  index: XsdIndex,
  port: PortBinding,
  op: BindingOperation,
): Analysed | { skip: string } {
  const gaps: XsdGap[] = [];
  const input = fieldsOfMessage(bindings, index, op, 'input', gaps);
  if (input.problem) return { skip: input.problem };
  const output = fieldsOfMessage(bindings, index, op, 'output', gaps);
  if (output.problem) return { skip: output.problem };
  const { role, noun } = roleOf(op.name);
  const responseKey = output.field ? (op.style === 'rpc' ? output.responseKey! : output.field.name) : undefined;
  const arr = output.field ? firstArray(output.field) : undefined;
  const obj = output.field ? firstObject(output.field) : undefined;
  let recordSelector: string | undefined;
  let recordFields: XsdField[] | undefined;
  if (responseKey !== undefined) {
    if (role === 'list' && arr) {
      recordSelector = [responseKey, ...arr.path].join('.');
      recordFields = arr.item.children ?? [arr.item];
    } else if (obj) {
      recordSelector = [responseKey, obj.name].join('.');
      recordFields = obj.children;
    } else {
      recordSelector = responseKey;
      recordFields = output.field?.children;
    }
  }
  const page = role === 'list' ? paging(input.field) : undefined;
  const since = (input.field?.children ?? []).find(
    (c) => SINCE.test(c.name) && (c.type === 'datetime' || c.type === 'date'),
  );
  return {
    input: input.field,
    output: output.field,
    recordFields,
    info: {
      name: op.name,
      port: port.port,
      style: op.style,
      use: op.input?.use ?? 'literal',
      soapAction: op.soapAction,
      role,
      resource: resourceName(noun),
      ...(page ? { pagination: page } : {}),
      ...(since ? { incrementalParam: since.name } : {}),
      ...(recordSelector !== undefined ? { recordSelector } : {}),
      input: (input.field?.children ?? []).map(summary),
      output: (recordFields ?? []).map(summary),
      gaps: gaps.map((g) => `${g.element}: ${g.construct}`),
    },
  };
}

function summary(f: XsdField): WsdlOperationInfo['input'][number] {
  return {
    name: f.name,
    type: f.type,
    xsdType: f.xsdType,
    required: f.required,
    array: f.array,
    ...(f.kind === 'attribute' ? { attribute: true } : {}),
    ...(f.nillable ? { nillable: true } : {}),
    ...(f.choice ? { choice: true } : {}),
    ...(f.enum ? { enum: f.enum } : {}),
    ...(f.children?.length ? { children: f.children.map(summary) } : {}),
  };
}

export interface WsdlModel {
  bundle: WsdlBundle;
  inspection: WsdlInspection;
  analysed: Map<string, Analysed>;
  port: PortBinding;
}

/** Every operation of the WSDL's SOAP port (1.1 preferred), typed, with what could not be imported. */
export function inspectWsdlBundle(
  bundle: WsdlBundle,
  skippedImports: { document: string; reason: string }[] = [],
): WsdlModel {
  const bindings = readBindings(bundle);
  const ports = [...bindings.ports].sort((a, b) => (a.version === b.version ? 0 : a.version === '1.1' ? -1 : 1));
  const port = ports[0];
  if (!port)
    throw new AppError('unsupported', `${bundle.root} has no SOAP 1.1 or 1.2 port (only HTTP or other bindings).`, {
      document: bundle.root,
    });
  const index = new XsdIndex(bundle);
  const analysed = new Map<string, Analysed>();
  const skipped: WsdlInspection['skipped'] = [];
  for (const op of port.operations.values()) {
    const a = analyse(bindings, index, port, op);
    if ('skip' in a) skipped.push({ operation: op.name, reason: a.skip });
    else analysed.set(op.name, a);
  }
  return {
    bundle,
    port,
    analysed,
    inspection: {
      document: bundle.root,
      service: port.service,
      port: port.port,
      version: port.version,
      endpoint: port.address,
      operations: [...analysed.values()].map((a) => a.info),
      skipped,
      skippedImports,
    },
  };
}

/** Leaf fields with dotted paths (`shipTo.city` as `shipTo_city`); arrays stay one field. */
function flatten(
  fields: XsdField[],
  prefix: string[] = [],
  out: FieldSchemaInput[] = [],
  readOnly = false,
): FieldSchemaInput[] {
  for (const f of fields) {
    const pathParts =
      f.kind === 'attribute'
        ? [...prefix, 'attributes', f.name]
        : f.kind === 'value'
          ? [...prefix, '$value']
          : [...prefix, f.name];
    const name = [...prefix, f.kind === 'value' ? 'value' : f.name].join('_');
    if (!name) continue;
    const path = pathParts.join('.');
    if (f.array || f.type === 'array') {
      out.push({ name, type: 'array', required: f.required, readOnly, ...(path !== name ? { path } : {}) });
      continue;
    }
    // The common XSD list wrapper (<lines><line/>…</lines>) is one array field named by the wrapper.
    const only = f.children?.length === 1 ? f.children[0]! : undefined;
    if (f.type === 'object' && only?.kind === 'element' && only.array) {
      out.push({ name, type: 'array', required: f.required, readOnly, path: `${path}.${only.name}` });
      continue;
    }
    if (f.type === 'object' && f.children?.length) {
      flatten(f.children, [...prefix, f.name], out, readOnly);
      continue;
    }
    out.push({
      name,
      type: f.type === 'object' ? 'object' : f.type,
      required: f.required && !f.nillable,
      readOnly,
      ...(f.xsdType === 'decimal' ? { format: 'decimal' as const } : {}),
      ...(f.enum ? { enum: f.enum } : {}),
      ...(path !== name ? { path } : {}),
    });
  }
  return out;
}

function guessPrimaryKey(resource: string, fields: FieldSchemaInput[]): string | undefined {
  const singular = resource.replace(/ies$/, 'y').replace(/s$/, '').replace(/_/g, '');
  const names = fields.filter((f) => f.type !== 'array' && f.type !== 'object').map((f) => f.name);
  return (
    names.find((n) => n.toLowerCase() === 'id') ??
    names.find((n) => n.toLowerCase() === `${singular}id`) ??
    names.find((n) => /(^|_)?(id|reference|key|number|code)$/i.test(n) && !n.includes('_')) ??
    names[0]
  );
}

/** The user's choices (see shared/models/wsdl-import) → a validated connector definition. */
export function buildWsdlDefinition(model: WsdlModel, choice: Omit<WsdlImportInput, 'source'>): ConnectorDefinition {
  const { inspection, analysed, bundle } = model;
  const endpoint = inspection.endpoint;
  let origin: string | undefined;
  let path = '/';
  try {
    if (endpoint) {
      const u = new URL(endpoint);
      origin = u.origin;
      path = `${u.pathname}${u.search}` || '/';
    }
  } catch {
    /* a relative or placeholder address: the connection's base URL is the endpoint */
  }
  const resources = choice.resources.map((rc) => {
    const ops: Record<string, OperationInput> = {};
    let fields: FieldSchemaInput[] | undefined;
    let cursorField: string | undefined;
    for (const [role, opName] of Object.entries(rc.operations)) {
      if (!opName) continue;
      const a = analysed.get(opName);
      if (!a) {
        const skip = inspection.skipped.find((s) => s.operation === opName);
        throw new AppError(
          'invalid_input',
          skip
            ? `Operation ${opName} of ${bundle.root} cannot be imported: ${skip.reason}.`
            : `${bundle.root} has no operation "${opName}" (it has: ${[...analysed.keys()].join(', ')}).`,
          { document: bundle.root, operation: opName, field: `resources.${rc.name}.operations.${role}` },
        );
      }
      const info = a.info;
      const isRead = role === 'list' || role === 'get';
      const pagination = role === 'list' ? (rc.pagination ?? info.pagination ?? { style: 'none' as const }) : undefined;
      ops[role] = {
        method: 'POST',
        path,
        bodyEncoding: 'soap',
        responseFormat: 'xml',
        soapOperation: opName,
        soapAction: info.soapAction,
        recordSelector: rc.recordSelectors?.[role as keyof typeof rc.recordSelectors] ?? info.recordSelector ?? '',
        ...(pagination ? { pagination } : {}),
        ...(role === 'list' && rc.pageSize
          ? { pageSize: rc.pageSize }
          : role === 'list' && pagination?.style !== 'none'
            ? { pageSize: 100 }
            : {}),
        ...(role === 'list' && info.incrementalParam
          ? { incremental: { param: info.incrementalParam, format: 'iso8601' as const } }
          : {}),
        ...(isRead ? { idempotent: true } : {}),
      };
      if (role === 'list' || (role === 'get' && !rc.operations.list)) {
        const flat = flatten(a.recordFields ?? []);
        if (flat.length) fields = flat;
      }
      if (role === 'list' && info.incrementalParam)
        cursorField = flatten(a.recordFields ?? []).find(
          (f) => CURSOR.test(f.name) && (f.type === 'datetime' || f.type === 'date'),
        )?.name;
    }
    if (!fields?.length) {
      // A write-only resource: its fields are the create (or update) operation's input.
      const w = rc.operations.create ?? rc.operations.upsert ?? rc.operations.update;
      const a = w ? analysed.get(w) : undefined;
      fields = flatten(a?.input?.children ?? []);
    }
    if (!fields.length)
      throw new AppError('invalid_input', `Resource "${rc.name}": its operations have no typed fields to sync.`, {
        field: `resources.${rc.name}`,
      });
    const primaryKey = rc.primaryKey ?? guessPrimaryKey(rc.name, fields)!;
    return {
      name: rc.name,
      label: rc.label ?? rc.name.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase()),
      primaryKey,
      ...(cursorField ? { cursorField } : {}),
      fields,
      operations: ops,
    };
  });
  const testResource = resources.find((r) => r.operations.list);
  // What the service computes (in answers but in no write operation's input) is read-only for mappings.
  choice.resources.forEach((rc, i) => {
    const writes = ['create', 'update', 'upsert']
      .map((w) => rc.operations[w as 'create'])
      .filter((w): w is string => !!w)
      .map((w) => analysed.get(w)?.input?.children ?? []);
    if (!writes.length) return;
    const writable = new Set(writes.flatMap((w) => flatten(w).map((f) => f.name)));
    for (const f of resources[i]!.fields) if (!writable.has(f.name)) f.readOnly = true;
    // Required means "a write must carry it": the create (or upsert) input says so, not the answer.
    const creator = rc.operations.create ?? rc.operations.upsert;
    const required = creator
      ? new Set(
          flatten(analysed.get(creator)?.input?.children ?? [])
            .filter((f) => f.required)
            .map((f) => f.name),
        )
      : undefined;
    if (required) for (const f of resources[i]!.fields) f.required = required.has(f.name);
  });
  return parseConnectorDefinition(
    {
      id: choice.id,
      name: choice.name,
      kind: 'soap',
      description: `${inspection.service} (SOAP ${inspection.version}, imported from its WSDL).`,
      logo: 'generic',
      followsApi: `WSDL 1.1 service ${inspection.service}, port ${inspection.port}`,
      baseUrlTemplate: choice.baseUrl ?? origin ?? '{baseUrl}',
      settings: choice.baseUrl || origin ? [] : [{ name: 'baseUrl', label: 'Service base URL' }],
      authKinds: ['wsse', 'basic', 'none'],
      soap: { wsdl: bundle.root, version: inspection.version, port: inspection.port, documents: bundle.documents },
      ...(testResource ? { testCall: { resource: testResource.name, operation: 'list' } } : {}),
      resources,
      source: 'wsdl',
    },
    `connector imported from ${bundle.root}`,
  );
}

export { defaultWsdlChoices } from '../../../../shared/wsdl-choices';
