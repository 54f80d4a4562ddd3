import type { ErrorCode } from '../errors';

/** One problem with one record, tied to the target field (and rule) it concerns. */
export interface FieldError {
  field: string | null;
  ruleId?: string;
  code:
    | 'transform_error'
    | 'expression_error'
    | 'required'
    | 'type'
    | 'format'
    | 'enum'
    | 'max_length'
    | 'read_only'
    | 'unknown_field'
    | 'match_key'
    | 'filter';
  message: string;
  /** Index of the failing transform step, when a step failed. */
  step?: number;
}

/** A rule that cannot run at all (reported once per mapping, not per record); the other rules still run. */
export interface RuleIssue {
  ruleId: string;
  target: string;
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

export interface MappedRecord {
  payload: Record<string, unknown>;
  errors: FieldError[];
  /** True when the "skip_record" policy dropped this record; `skipReason` says which field. */
  skip: boolean;
  skipReason?: string;
  matchKey: string | null;
  /** Set when the mapping's record filter left this record out: why (nothing is mapped or written). */
  filteredOut?: string;
}
