import { z } from 'zod';

/**
 * The shape of one field of a connector resource. Shared by connectors (what an API offers),
 * mappings (what a rule may read/write) and validation (what a target accepts).
 */
export const FieldType = z.enum([
  'string',
  'number',
  'integer',
  'boolean',
  'date',
  'datetime',
  'money',
  'object',
  'array',
]);
export type FieldType = z.infer<typeof FieldType>;

export const FieldFormat = z.enum([
  'email',
  'phone',
  'url',
  'country',
  'currency',
  'postal_code',
  'uuid',
  'decimal',
  'minor_units',
]);
export type FieldFormat = z.infer<typeof FieldFormat>;

export const FieldSchema = z.object({
  name: z.string().min(1),
  type: FieldType,
  format: FieldFormat.optional(),
  required: z.boolean().default(false),
  readOnly: z.boolean().default(false),
  /** Personal data: highlighted in previews, masked in logs and exports. */
  pii: z.boolean().default(false),
  description: z.string().optional(),
  enum: z.array(z.string()).optional(),
  maxLength: z.number().int().positive().optional(),
  /** Dotted path in the API record when it differs from `name` (e.g. `properties.email`). */
  path: z.string().optional(),
  /**
   * How the value travels: `string` = always as text (HubSpot property values), converted to and from
   * `type` by the mapping layer; `json_date` = Microsoft JSON dates `/Date(1573755038314+0000)/` (Xero),
   * read as ISO text; `native` (default) = as the JSON type.
   */
  wire: z.enum(['native', 'string', 'json_date']).optional(),
  /** Writable when the record is created, not afterwards (Stripe invoice `currency`). */
  createOnly: z.boolean().optional(),
  /** Accepted in writes, never returned in reads (Stripe invoice `days_until_due`). */
  writeOnly: z.boolean().optional(),
  /** Defined by the account rather than the API (HubSpot custom properties, from discovery). */
  custom: z.boolean().optional(),
});
export type FieldSchema = z.infer<typeof FieldSchema>;
export type FieldSchemaInput = z.input<typeof FieldSchema>;
