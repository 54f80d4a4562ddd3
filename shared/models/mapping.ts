import { z } from 'zod';
import { TransformStep } from '../transforms';
import { FieldSchema } from './field-schema';
import { RecordFilter } from './record-filter';

/**
 * A mapping: source connection+resource → target connection+resource through field rules.
 * Versioned: each save bumps `version` and a sync run records the version it used.
 */
export const ResourceRef = z.object({ connectionId: z.string().min(1), resource: z.string().min(1) });
export type ResourceRef = z.infer<typeof ResourceRef>;

export const MappingRule = z.object({
  id: z.string().min(1),
  /** Target field name (FieldSchema.name). Copy with a different name is a rename. */
  target: z.string().min(1),
  /** Dotted source paths; several sources reach the chain as a list (concat, template, money+currency). */
  sources: z.array(z.string().min(1)).default([]),
  transforms: z.array(TransformStep).default([]),
  /** On update, leave this field out of the patch when the target already holds the same value. */
  onlyWhenChanged: z.boolean().optional(),
  enabled: z.boolean().default(true),
  note: z.string().optional(),
});
export type MappingRule = z.infer<typeof MappingRule>;
export type MappingRuleInput = z.input<typeof MappingRule>;

export const MatchKeyNormalization = z.enum(['none', 'trim', 'lower', 'email', 'phone', 'digits', 'alnum_lower']);
export type MatchKeyNormalization = z.infer<typeof MatchKeyNormalization>;

/** How a source record finds its twin in the target: a rule's output or a JSONata expression, compared normalized. */
export const MatchKey = z
  .object({
    sourceRule: z.string().min(1).optional(),
    expression: z.string().min(1).optional(),
    targetField: z.string().min(1),
    normalization: MatchKeyNormalization.default('trim'),
  })
  .refine((k) => (k.sourceRule === undefined) !== (k.expression === undefined), {
    message: 'set exactly one of sourceRule or expression',
  });
export type MatchKey = z.infer<typeof MatchKey>;

export const UnmappedRequiredPolicy = z.enum(['error', 'skip_record', 'default']);
export type UnmappedRequiredPolicy = z.infer<typeof UnmappedRequiredPolicy>;

export const PiiAcknowledgement = z.object({
  /** Source fields flagged PII the user agreed to transmit. */
  fields: z.array(z.string()),
  at: z.iso.datetime({ offset: true }),
});
export type PiiAcknowledgement = z.infer<typeof PiiAcknowledgement>;

/**
 * Fields a mapping declares itself, for ends its connector's resource schema cannot describe (each
 * Stripe metadata key as a field of its own, a phone kept as plain text). Stored with the mapping, so
 * the preview, the save report and every sync run read the same fields.
 */
export const MappingSchemas = z.object({ source: z.array(FieldSchema), target: z.array(FieldSchema) });
export type MappingSchemas = z.infer<typeof MappingSchemas>;
export type MappingSchemasInput = z.input<typeof MappingSchemas>;

const mappingShape = {
  id: z.string().min(1),
  name: z.string().min(1),
  version: z.number().int().min(1).default(1),
  source: ResourceRef,
  target: ResourceRef,
  matchKey: MatchKey.nullable().default(null),
  /** What to do when a required target field ends up empty for a record. */
  unmappedRequired: UnmappedRequiredPolicy.default('error'),
  /** Values used by the "default" policy; without one a type-appropriate blank is used. */
  requiredDefaults: z.record(z.string(), z.json()).default({}),
  piiAcknowledged: PiiAcknowledgement.nullable().default(null),
  /** Absent: the connectors' schemas (the usual case). */
  schemas: MappingSchemas.optional(),
  updatedAt: z.iso.datetime({ offset: true }),
};

export const Mapping = z.object({
  ...mappingShape,
  /** Only source records that pass are synced; the others are reported "filtered" with the reason. */
  filter: RecordFilter.optional(),
  rules: z.array(MappingRule).default([]),
});
export type Mapping = z.infer<typeof Mapping>;
export type MappingInput = z.input<typeof Mapping>;

/**
 * The same mapping with each transform checked only for its `kind`: what is loaded from disk or
 * edited in the renderer, so one broken rule (bad JSONata, duplicate lookup key, invalid date
 * format) is reported on that rule by compileMapping while the mapping still loads.
 */
export const MappingDraftRule = MappingRule.extend({
  transforms: z.array(z.looseObject({ kind: z.string().min(1) })).default([]),
});
export type MappingDraftRule = z.infer<typeof MappingDraftRule>;
export const MappingDraft = z.object({
  ...mappingShape,
  /** Checked by compileMapping, so a half-edited filter is reported while the mapping still loads. */
  filter: z.looseObject({}).optional(),
  rules: z.array(MappingDraftRule).default([]),
});
export type MappingDraft = z.infer<typeof MappingDraft>;
