export { compileMapping, applyMapping, type CompiledMapping, type CompileOptions } from './compile';
export { validatePayload, isBlank, type ValidateOptions } from './validate';
export { diffPayload, sameValue, type DiffResult, type Operation } from './diff';
export { normalizeMatchKey } from './match-key';
export {
  fieldsRead,
  fieldsReadDetailed,
  dataMinimization,
  projectRecord,
  type FieldsRead,
  type MinimizationReport,
} from './minimization';
export { expressionFields } from './expression-fields';
export {
  suggestRules,
  proposeTransforms,
  nameSimilarity,
  canonicalName,
  nameTokens,
  type Suggestion,
  type SuggestResult,
  type SuggestOptions,
} from './suggest';
export type { FieldError, MappedRecord, RuleIssue } from './types';
export { fromWire, toWire, recordFromWire, recordToWire } from './wire-values';
export { apiTimeMs, formatJsonDate, parseJsonDate } from './json-date';
