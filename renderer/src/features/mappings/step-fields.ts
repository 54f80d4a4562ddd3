import { TransformStep } from '../../../../shared/transforms';

/**
 * The settings of each transform kind, read from the shared zod schemas themselves, so the step
 * editor offers exactly what the runtime accepts and never drifts from it when a transform changes.
 */
export type ParamKind = 'text' | 'number' | 'boolean' | 'enum' | 'list' | 'table' | 'json';

export interface ParamSpec {
  name: string;
  kind: ParamKind;
  options?: string[];
  required: boolean;
  defaultValue?: unknown;
}

interface ZodLike {
  _zod: {
    def: {
      type: string;
      innerType?: ZodLike;
      in?: ZodLike;
      element?: ZodLike;
      defaultValue?: unknown;
      values?: unknown;
    };
  };
  options?: unknown;
  shape?: Record<string, ZodLike>;
}

function unwrap(schema: ZodLike): { inner: ZodLike; required: boolean; defaultValue?: unknown } {
  let s = schema;
  let required = true;
  let defaultValue: unknown;
  for (;;) {
    const def = s._zod.def;
    if (def.type === 'optional' || def.type === 'nullable') required = false;
    else if (def.type === 'default') {
      required = false;
      defaultValue = typeof def.defaultValue === 'function' ? (def.defaultValue as () => unknown)() : def.defaultValue;
    } else if (def.type !== 'pipe') break;
    s = (def.innerType ?? def.in)!;
  }
  return { inner: s, required, defaultValue };
}

function specOf(name: string, schema: ZodLike): ParamSpec {
  const { inner, required, defaultValue } = unwrap(schema);
  const type = inner._zod.def.type;
  const base = { name, required, ...(defaultValue !== undefined ? { defaultValue } : {}) };
  if (type === 'string') return { ...base, kind: 'text' };
  if (type === 'number') return { ...base, kind: 'number' };
  if (type === 'boolean') return { ...base, kind: 'boolean' };
  if (type === 'enum') return { ...base, kind: 'enum', options: (inner.options as string[]) ?? [] };
  if (type === 'array') {
    const element = inner._zod.def.element!;
    if (element._zod.def.type === 'string') return { ...base, kind: 'list' };
    if (element.shape && 'from' in element.shape && 'to' in element.shape) return { ...base, kind: 'table' };
  }
  return { ...base, kind: 'json' };
}

const SPECS = new Map<string, ParamSpec[]>();
for (const option of TransformStep.options) {
  const shape: Record<string, ZodLike> = option.shape;
  const kind = option.shape.kind.value;
  SPECS.set(
    kind,
    Object.entries(shape)
      .filter(([name]) => name !== 'kind')
      .map(([name, schema]) => specOf(name, schema)),
  );
}

export const STEP_KINDS = [...SPECS.keys()];

export function paramsOf(kind: string): ParamSpec[] {
  return SPECS.get(kind) ?? [];
}

/** A new step of a kind with its required settings pre-filled where a blank would be invalid. */
export function newStep(kind: string): Record<string, unknown> {
  const step: Record<string, unknown> = { kind };
  for (const p of paramsOf(kind)) {
    if (!p.required) continue;
    if (p.kind === 'enum') step[p.name] = p.options?.[0];
    else if (p.kind === 'table') step[p.name] = [{ from: '', to: '' }];
    else if (p.kind === 'json') step[p.name] = '';
    else if (p.kind === 'text')
      step[p.name] = kind === 'split' ? ',' : kind === 'template' ? '{0}' : kind === 'expression' ? '$' : '';
  }
  return step;
}

export const KIND_LABELS: Record<string, string> = {
  copy: 'Copy as is',
  trim: 'Trim spaces',
  case: 'Change case',
  collapse_spaces: 'Collapse spaces',
  split: 'Split text',
  join: 'Join list',
  concat: 'Concatenate sources',
  template: 'Template',
  default: 'Default when empty',
  constant: 'Constant value',
  lookup: 'Lookup table',
  date: 'Date / time → ISO 8601',
  number: 'Number',
  money: 'Money amount',
  phone: 'Phone → E.164',
  address: 'Address',
  country: 'Country → ISO code',
  email: 'E-mail normalize',
  boolean: 'Yes / no',
  expression: 'JSONata expression',
};

/** "defaultCountry" → "Default country". */
export function paramLabel(name: string): string {
  const words = name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
