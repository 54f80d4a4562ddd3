import { z } from 'zod';
import { FieldType } from './field-schema';

export const DriftSide = z.enum(['source', 'target']);
export type DriftSide = z.infer<typeof DriftSide>;

/** One field that differs between what the mapping was built on and what the API reports now. */
export const FieldDrift = z.object({
  side: DriftSide,
  field: z.string(),
  change: z.enum(['added', 'removed', 'type_changed']),
  before: FieldType.nullable(),
  after: FieldType.nullable(),
});
export type FieldDrift = z.infer<typeof FieldDrift>;

/** A rule that reads or writes a field the API no longer has. */
export const BrokenRule = z.object({
  ruleId: z.string(),
  target: z.string(),
  side: DriftSide,
  field: z.string(),
});
export type BrokenRule = z.infer<typeof BrokenRule>;

export const DriftReport = z.object({
  mappingId: z.string(),
  mappingVersion: z.number().int(),
  checkedAt: z.string(),
  changes: z.array(FieldDrift),
  brokenRules: z.array(BrokenRule),
  /** A field the mapping was built on is gone or retyped, or a rule lost its field: runs may write wrong data. */
  breaking: z.boolean(),
  /** Sides whose live fields could not be read (the API did not answer): not compared. */
  unavailable: z.array(z.object({ side: DriftSide, message: z.string() })),
  /** Live fields the mapping does not use yet, ready to be offered as new rules. */
  newFields: z.array(z.object({ side: DriftSide, name: z.string(), type: FieldType })),
});
export type DriftReport = z.infer<typeof DriftReport>;
