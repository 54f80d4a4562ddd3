import type { AppErrorShape } from '../../../../shared/errors';
import { makeGetter, resolveSourcePath } from '../../../../shared/mapping/source-paths';
import type { FieldSchema } from '../../../../shared/models/field-schema';
import type { MappingDraftRule } from '../../../../shared/models/mapping';
import { testTransform } from '../../../../shared/transforms';

export type StepOutput = { ok: true; value: unknown } | { ok: false; error: AppErrorShape };

export interface RuleTrace {
  input: unknown;
  /** One entry per step; after the first failure the rest are not run. */
  steps: (StepOutput | null)[];
}

/** The value a rule starts from for one source record: one source → its value, several → the list. */
export function ruleInput(
  rule: Pick<MappingDraftRule, 'sources'>,
  record: Record<string, unknown>,
  schema: readonly FieldSchema[],
): { value: unknown; sources: unknown[] } {
  const sources = rule.sources.map((path) => {
    const resolved = resolveSourcePath(path, schema);
    return 'missing' in resolved ? undefined : makeGetter(resolved.segments)(record);
  });
  return { value: sources.length === 1 ? sources[0] : sources.length === 0 ? undefined : sources, sources };
}

/** Runs a rule's chain step by step on one sample, keeping every intermediate value for the editor. */
export async function traceRule(
  rule: MappingDraftRule,
  record: Record<string, unknown> | undefined,
  schema: readonly FieldSchema[],
): Promise<RuleTrace> {
  if (!record) return { input: undefined, steps: rule.transforms.map(() => null) };
  const { value, sources } = ruleInput(rule, record, schema);
  const steps: (StepOutput | null)[] = [];
  let current = value;
  let failed = false;
  for (const step of rule.transforms) {
    if (failed) {
      steps.push(null);
      continue;
    }
    const out = await testTransform(step, current, { context: { record, sources, ruleId: rule.id } });
    steps.push(out);
    if (out.ok) current = out.value;
    else failed = true;
  }
  return { input: value, steps };
}
