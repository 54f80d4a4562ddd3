import type { BrokenRule, DriftSide, FieldDrift } from '../models/drift';
import type { FieldSchema } from '../models/field-schema';
import type { MappingDraft } from '../models/mapping';
import { resolveSourcePath } from './source-paths';

const pathOf = (f: Pick<FieldSchema, 'name' | 'path'>) => f.path ?? f.name;

/**
 * A field the mapping declares below an object field the API reports (`metadata_crm_id` at
 * `metadata.crm_id` under Stripe's open `metadata`) is still there when that object is.
 */
function coveredByObject(field: FieldSchema, live: readonly FieldSchema[]): boolean {
  const path = pathOf(field);
  return live.some((l) => (l.type === 'object' || l.type === 'array') && path.startsWith(`${pathOf(l)}.`));
}

/** The reverse: a live object field whose keys the mapping declared one by one is not new. */
function expandedInBaseline(field: FieldSchema, baseline: readonly FieldSchema[]): boolean {
  if (field.type !== 'object' && field.type !== 'array') return false;
  const path = pathOf(field);
  return baseline.some((b) => pathOf(b).startsWith(`${path}.`));
}

/** Fields added, removed or retyped between the ones the mapping was built on and the live ones. */
export function compareFields(
  side: DriftSide,
  baseline: readonly FieldSchema[],
  live: readonly FieldSchema[],
): FieldDrift[] {
  const liveByName = new Map(live.map((f) => [f.name, f]));
  const baseByName = new Map(baseline.map((f) => [f.name, f]));
  const out: FieldDrift[] = [];
  for (const b of baseline) {
    const l = liveByName.get(b.name);
    if (!l) {
      if (!coveredByObject(b, live)) out.push({ side, field: b.name, change: 'removed', before: b.type, after: null });
    } else if (l.type !== b.type)
      out.push({ side, field: b.name, change: 'type_changed', before: b.type, after: l.type });
  }
  for (const l of live)
    if (!baseByName.has(l.name) && !expandedInBaseline(l, baseline))
      out.push({ side, field: l.name, change: 'added', before: null, after: l.type });
  return out;
}

function targetExists(target: string, live: readonly FieldSchema[]): boolean {
  if (live.some((f) => f.name === target)) return true;
  // Rules fill keys of an open object field one by one: `metadata_crm_id` under `metadata`.
  return live.some((f) => f.type === 'object' && !f.readOnly && target.startsWith(`${f.name}_`));
}

/** Enabled rules that read a source field or write a target field the live schemas do not have. */
export function brokenRules(
  mapping: Pick<MappingDraft, 'rules'>,
  live: { source: readonly FieldSchema[] | null; target: readonly FieldSchema[] | null },
): BrokenRule[] {
  const out: BrokenRule[] = [];
  for (const rule of mapping.rules) {
    if (!rule.enabled) continue;
    if (live.source && live.source.length > 0)
      for (const source of rule.sources)
        if ('missing' in resolveSourcePath(source, live.source))
          out.push({ ruleId: rule.id, target: rule.target, side: 'source', field: source });
    if (live.target && live.target.length > 0 && !targetExists(rule.target, live.target))
      out.push({ ruleId: rule.id, target: rule.target, side: 'target', field: rule.target });
  }
  return out;
}

/** The field names the enabled rules read (source) and write (target), by the baseline schemas. */
export function fieldsInUse(
  mapping: Pick<MappingDraft, 'rules'>,
  baseline: { source: readonly FieldSchema[]; target: readonly FieldSchema[] },
): Record<DriftSide, Set<string>> {
  const source = new Set<string>();
  const target = new Set<string>();
  for (const rule of mapping.rules) {
    if (!rule.enabled) continue;
    target.add(rule.target);
    for (const path of rule.sources) {
      const r = resolveSourcePath(path, baseline.source);
      source.add('missing' in r || !r.field ? path : r.field.name);
    }
  }
  return { source, target };
}

/**
 * Whether the differences can make a run write wrong or missing data: a rule lost its field, or a
 * field a rule uses changed type. New fields and changes to unused ones are reported, not breaking.
 */
export function isBreaking(
  changes: readonly FieldDrift[],
  broken: readonly BrokenRule[],
  used: Record<DriftSide, Set<string>>,
): boolean {
  return broken.length > 0 || changes.some((c) => c.change !== 'added' && used[c.side].has(c.field));
}
