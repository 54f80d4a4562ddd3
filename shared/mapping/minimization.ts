import type { FieldSchema, FieldSchemaInput } from '../models/field-schema';
import { FieldSchema as FieldSchemaSchema } from '../models/field-schema';
import type { MappingDraft } from '../models/mapping';
import { parseTemplate } from '../transforms/compose';
import { expressionFields } from './expression-fields';
import { makeGetter, resolveSourcePath } from './source-paths';

export interface FieldsRead {
  /** Source paths read by enabled rules: their sources, template placeholders, JSONata field names, the match-key expression. */
  fields: string[];
  /** Some expression reads the record as a whole ($, wildcards): minimization cannot drop fields. */
  wholeRecord: boolean;
}

type MappingLike = Pick<MappingDraft, 'rules' | 'matchKey'> & { filter?: MappingDraft['filter'] };

export function fieldsReadDetailed(mapping: MappingLike): FieldsRead {
  const fields = new Set<string>();
  let wholeRecord = false;
  const addExpression = (expression: unknown) => {
    if (typeof expression !== 'string') return;
    const found = expressionFields(expression);
    found.fields.forEach((f) => fields.add(f));
    wholeRecord ||= found.all;
  };
  for (const rule of mapping.rules) {
    if (rule.enabled === false) continue;
    rule.sources.forEach((s) => fields.add(s));
    for (const step of rule.transforms as { kind: string; [k: string]: unknown }[]) {
      if (step.kind === 'expression') addExpression(step.expression);
      if (step.kind === 'template' && typeof step.template === 'string') {
        try {
          for (const part of parseTemplate(step.template))
            if ('ref' in part && part.ref !== 'value' && !/^\d+$/.test(part.ref)) fields.add(part.ref);
        } catch {
          // a broken template is reported on its rule
        }
      }
    }
  }
  if (mapping.matchKey?.expression) addExpression(mapping.matchKey.expression);
  // The source must send what the record filter reads, even when no rule copies it on.
  if (mapping.filter) {
    filterFields(mapping.filter.conditions).forEach((f) => fields.add(f));
    addExpression(mapping.filter.expression);
  }
  return { fields: [...fields].sort(), wholeRecord };
}

function filterFields(conditions: unknown): string[] {
  if (!Array.isArray(conditions)) return [];
  return conditions.flatMap((c: unknown) => {
    if (!c || typeof c !== 'object') return [];
    const o = c as { field?: unknown; conditions?: unknown };
    return typeof o.field === 'string' ? [o.field] : filterFields(o.conditions);
  });
}

/** Source fields any enabled rule reads (what leaves the source stage). */
export function fieldsRead(mapping: MappingLike): string[] {
  return fieldsReadDetailed(mapping).fields;
}

function covers(read: string, field: FieldSchema): boolean {
  return [field.name, field.path].some(
    (p) => p !== undefined && (read === p || read.startsWith(`${p}.`) || p.startsWith(`${read}.`)),
  );
}

export interface MinimizationReport extends FieldsRead {
  /** Source schema fields no rule reads: they never leave the source stage. */
  notTransmitted: string[];
  /** PII-flagged source fields that are read, hence transmitted: highlighted in the preview. */
  piiTransmitted: string[];
  /** PII transmitted without the user's acknowledgement on the mapping. */
  unacknowledgedPii: string[];
  /** Target fields marked PII that receive a value. */
  piiTargetFields: string[];
}

export function dataMinimization(
  mapping: MappingLike & Pick<MappingDraft, 'piiAcknowledged'>,
  sourceSchema: readonly FieldSchemaInput[],
  targetSchema: readonly FieldSchemaInput[] = [],
): MinimizationReport {
  const read = fieldsReadDetailed(mapping);
  const source = sourceSchema.map((f) => FieldSchemaSchema.parse(f));
  const isRead = (f: FieldSchema) => read.wholeRecord || read.fields.some((r) => covers(r, f));
  const piiTransmitted = source.filter((f) => f.pii && isRead(f)).map((f) => f.name);
  const acknowledged = new Set(mapping.piiAcknowledged?.fields ?? []);
  const written = new Set(mapping.rules.filter((r) => r.enabled !== false).map((r) => r.target));
  return {
    ...read,
    notTransmitted: source.filter((f) => !isRead(f)).map((f) => f.name),
    piiTransmitted,
    unacknowledgedPii: piiTransmitted.filter((f) => !acknowledged.has(f)),
    piiTargetFields: targetSchema
      .map((f) => FieldSchemaSchema.parse(f))
      .filter((f) => f.pii && written.has(f.name))
      .map((f) => f.name),
  };
}

/**
 * Keeps only what the mapping reads, so nothing else travels past the source stage (into the worker,
 * the preview, the logs). Returns the record unchanged when an expression reads it whole.
 */
export function projectRecord(
  record: Record<string, unknown>,
  read: FieldsRead,
  sourceSchema: readonly FieldSchemaInput[] = [],
): Record<string, unknown> {
  if (read.wholeRecord) return record;
  const schema = sourceSchema.map((f) => FieldSchemaSchema.parse(f));
  const out: Record<string, unknown> = {};
  // "address" already carries "address.city": writing into it would alias the source object.
  const paths = read.fields.filter((p) => !read.fields.some((q) => p.startsWith(`${q}.`)));
  for (const path of paths) {
    const resolved = resolveSourcePath(path, schema);
    const segments = 'missing' in resolved ? path.split('.') : resolved.segments;
    const value = makeGetter(segments)(record);
    if (value === undefined) continue;
    let target = out;
    segments.forEach((segment, i) => {
      if (i === segments.length - 1) target[segment] = value;
      else target = (target[segment] ??= {}) as Record<string, unknown>;
    });
  }
  return out;
}
