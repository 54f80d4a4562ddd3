import { AppError, describeZodIssues } from '../errors';
import { FieldSchema, type FieldSchemaInput } from '../models/field-schema';
import { MappingDraft, type MappingDraftRule } from '../models/mapping';
import { compileChain, type CompiledChain, type TransformContext } from '../transforms';
import { compileJsonata, evaluateJsonata } from '../transforms/expression';
import { compileFilter, type CompiledFilter } from './filter';
import { fieldsReadDetailed, type FieldsRead } from './minimization';
import { normalizeMatchKey } from './match-key';
import { makeGetter, resolveSourcePath } from './source-paths';
import type { FieldError, MappedRecord, RuleIssue } from './types';
import { isBlank, validatePayload } from './validate';
import { errorMessage } from '../error-message';

interface CompiledRule {
  rule: MappingDraftRule;
  getters: ((record: unknown) => unknown)[];
  chain: CompiledChain;
}

export interface CompiledMapping {
  mapping: MappingDraft;
  /** Rules that cannot run (reported once); every other rule still runs. */
  issues: RuleIssue[];
  /** Required target fields no working rule fills. */
  unmappedRequired: string[];
  fieldsRead: FieldsRead;
  /** Rule ids that run. */
  activeRules: string[];
  /** Target fields whose rule says "only when changed": an update leaves them out when the target holds the value. */
  onlyWhenChanged: string[];
  /** Map one source record: payload, per-field errors, match key. Never throws for a record's data. */
  apply(record: Record<string, unknown>): Promise<MappedRecord>;
}

export interface CompileOptions {
  /** Validate each payload against the target schema (default true). */
  validate?: boolean;
}

function typeDefault(field: FieldSchema): unknown {
  switch (field.type) {
    case 'string':
    case 'date':
    case 'datetime':
      return '';
    case 'number':
    case 'integer':
      return 0;
    case 'boolean':
      return false;
    case 'array':
      return [];
    case 'object':
      return {};
    case 'money':
      return field.format === 'minor_units' ? 0 : '0';
  }
}

function ruleError(rule: MappingDraftRule, error: unknown): FieldError {
  const e = error instanceof AppError ? error : new AppError('transform_error', errorMessage(error));
  const step = typeof e.details?.step === 'number' ? e.details.step : undefined;
  return {
    field: rule.target,
    ruleId: rule.id,
    code: e.code === 'expression_error' ? 'expression_error' : 'transform_error',
    message: e.message,
    ...(step !== undefined ? { step } : {}),
  };
}

/**
 * Parses every rule once (the sync engine maps 100k records with one compiled mapping).
 * A rule that cannot compile — bad JSONata, invalid date format, duplicate lookup key, a source
 * field the API no longer has, an unknown target field — becomes one RuleIssue and is left out.
 */
export function compileMapping(
  input: unknown,
  sourceSchemaInput: readonly FieldSchemaInput[],
  targetSchemaInput: readonly FieldSchemaInput[],
  options: CompileOptions = {},
): CompiledMapping {
  const parsed = MappingDraft.safeParse(input);
  if (!parsed.success) {
    const { message, issues } = describeZodIssues(parsed.error);
    throw new AppError('mapping_error', `The mapping cannot be read: ${message}`, { issues });
  }
  const mapping = parsed.data;
  const sourceSchema = sourceSchemaInput.map((f) => FieldSchema.parse(f));
  const targetSchema = targetSchemaInput.map((f) => FieldSchema.parse(f));
  const targets = new Map(targetSchema.map((f) => [f.name, f]));
  const issues: RuleIssue[] = [];
  const compiled: CompiledRule[] = [];
  const claimed = new Map<string, string>();

  for (const rule of mapping.rules) {
    if (!rule.enabled) continue;
    const issue = (code: RuleIssue['code'], message: string, details?: Record<string, unknown>) =>
      issues.push({ ruleId: rule.id, target: rule.target, code, message, ...(details ? { details } : {}) });
    const target = targets.get(rule.target);
    if (targetSchema.length > 0 && !target) {
      issue(
        'mapping_error',
        `Rule ${rule.id} writes "${rule.target}", which the target resource has no field named; pick another target field.`,
        { reason: 'unknown_target' },
      );
      continue;
    }
    if (target?.readOnly) {
      issue('mapping_error', `Rule ${rule.id} writes "${rule.target}", which is read-only in the target.`, {
        reason: 'read_only_target',
      });
      continue;
    }
    const owner = claimed.get(rule.target);
    if (owner) {
      issue(
        'mapping_error',
        `Rule ${rule.id} writes "${rule.target}", already written by rule ${owner}; remove or disable one of them.`,
        { reason: 'duplicate_target' },
      );
      continue;
    }
    const getters: ((record: unknown) => unknown)[] = [];
    const missing: string[] = [];
    for (const source of rule.sources) {
      const resolved = resolveSourcePath(source, sourceSchema);
      if ('missing' in resolved) missing.push(source);
      else getters.push(makeGetter(resolved.segments));
    }
    if (missing.length > 0) {
      issue(
        'mapping_error',
        `Rule ${rule.id} reads ${missing.map((m) => `"${m}"`).join(', ')}, which the source schema no longer has (did the API change?); pick another source field.`,
        { reason: 'unknown_source', fields: missing },
      );
      continue;
    }
    try {
      compiled.push({ rule, getters, chain: compileChain(rule.transforms) });
      claimed.set(rule.target, rule.id);
    } catch (error) {
      const e = error instanceof AppError ? error : new AppError('transform_error', String(error));
      issue(e.code, `Rule ${rule.id}: ${e.message}`, e.details);
    }
  }

  const filled = new Set(compiled.map((c) => c.rule.target));
  const unmappedRequired = targetSchema
    .filter((f) => f.required && !f.readOnly && !filled.has(f.name))
    .map((f) => f.name);
  const required = targetSchema.filter((f) => f.required && !f.readOnly);

  // Match key: from a rule's output (normalized) or its own JSONata expression on the source record.
  const matchKey = mapping.matchKey;
  let keyRuleIndex = -1;
  let keyExpression: ReturnType<typeof compileJsonata> | undefined;
  if (matchKey?.sourceRule) {
    keyRuleIndex = compiled.findIndex((c) => c.rule.id === matchKey.sourceRule);
    if (keyRuleIndex < 0) {
      issues.push({
        ruleId: matchKey.sourceRule,
        target: matchKey.targetField,
        code: 'mapping_error',
        message: `The match key uses rule ${matchKey.sourceRule}, which is missing, disabled or broken; records can only be created until it is fixed.`,
        details: { reason: 'match_key' },
      });
    }
  } else if (matchKey?.expression) {
    try {
      keyExpression = compileJsonata(matchKey.expression);
    } catch (error) {
      issues.push({
        ruleId: 'matchKey',
        target: matchKey.targetField,
        code: 'expression_error',
        message: `Match key: ${errorMessage(error)}`,
        details: (error as AppError).details,
      });
    }
  }

  const validate = options.validate !== false && targetSchema.length > 0;

  // A filter that cannot run fails every record rather than letting every record through.
  let filter: CompiledFilter | null = null;
  let filterBroken: string | null = null;
  if (mapping.filter) {
    try {
      filter = compileFilter(mapping.filter, sourceSchema);
    } catch (error) {
      const e = error instanceof AppError ? error : new AppError('mapping_error', errorMessage(error));
      filterBroken = e.message;
      issues.push({ ruleId: 'filter', target: '', code: e.code, message: e.message, details: e.details });
    }
  }

  async function apply(record: Record<string, unknown>): Promise<MappedRecord> {
    if (filterBroken !== null)
      return {
        payload: {},
        errors: [{ field: null, code: 'filter', message: filterBroken }],
        skip: false,
        matchKey: null,
      };
    if (filter) {
      const verdict = await filter.test(record);
      if (!verdict.pass) return { payload: {}, errors: [], skip: false, matchKey: null, filteredOut: verdict.reason };
    }
    const values: unknown[] = new Array(compiled.length);
    const errors: FieldError[] = [];
    const failed = new Set<string>();
    let pending: Promise<void>[] | undefined;
    for (let i = 0; i < compiled.length; i++) {
      const { rule, getters, chain } = compiled[i]!;
      const sources = getters.map((get) => get(record));
      const value = sources.length === 1 ? sources[0] : sources.length === 0 ? undefined : sources;
      const context: TransformContext = { record, sources, ruleId: rule.id };
      try {
        const out = chain.run(value, context);
        if (chain.async) {
          (pending ??= []).push(
            (out as Promise<unknown>).then(
              (v) => void (values[i] = v),
              (error) => {
                errors.push(ruleError(rule, error));
                failed.add(rule.target);
              },
            ),
          );
        } else values[i] = out;
      } catch (error) {
        errors.push(ruleError(rule, error));
        failed.add(rule.target);
      }
    }
    if (pending) await Promise.all(pending);

    const payload: Record<string, unknown> = {};
    for (let i = 0; i < compiled.length; i++)
      if (values[i] !== undefined) payload[compiled[i]!.rule.target] = values[i];

    let skip = false;
    let skipReason: string | undefined;
    if (mapping.unmappedRequired !== 'error') {
      for (const field of required) {
        if (!isBlank(payload[field.name]) || failed.has(field.name)) continue;
        if (mapping.unmappedRequired === 'skip_record') {
          skip = true;
          skipReason ??= `required field ${field.name} is empty`;
        } else {
          payload[field.name] = mapping.requiredDefaults[field.name] ?? typeDefault(field);
        }
      }
    }
    if (validate && !skip) errors.push(...validatePayload(payload, targetSchema, { skipRequired: failed }));

    let key: string | null = null;
    if (matchKey) {
      try {
        const raw =
          keyRuleIndex >= 0
            ? values[keyRuleIndex]
            : keyExpression
              ? await evaluateJsonata(keyExpression, record, {}, { timeoutMs: 250, maxDepth: 200 })
              : null;
        key = normalizeMatchKey(raw, matchKey.normalization);
      } catch (error) {
        errors.push({
          field: matchKey.targetField,
          code: 'match_key',
          message: `Match key: ${errorMessage(error)}`,
        });
      }
    }
    return { payload, errors, skip, ...(skipReason ? { skipReason } : {}), matchKey: key };
  }

  return {
    mapping,
    issues,
    unmappedRequired,
    fieldsRead: fieldsReadDetailed(mapping),
    activeRules: compiled.map((c) => c.rule.id),
    onlyWhenChanged: compiled.filter((c) => c.rule.onlyWhenChanged).map((c) => c.rule.target),
    apply,
  };
}

/** Convenience for one record (CLI preview, tests); the engine keeps the compiled mapping. */
export async function applyMapping(
  mapping: unknown,
  record: Record<string, unknown>,
  sourceSchema: readonly FieldSchemaInput[],
  targetSchema: readonly FieldSchemaInput[],
): Promise<MappedRecord & { issues: RuleIssue[] }> {
  const compiled = compileMapping(mapping, sourceSchema, targetSchema);
  return { ...(await compiled.apply(record)), issues: compiled.issues };
}
