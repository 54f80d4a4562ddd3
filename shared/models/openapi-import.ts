import { z } from 'zod';
import { OperationName, Pagination } from './connector';

/** One operation of an OpenAPI document as the import wizard shows it. */
export const ImportedOperation = z.object({
  id: z.string(),
  method: z.string(),
  path: z.string(),
  summary: z.string().optional(),
  tags: z.array(z.string()),
  role: z.enum(['list', 'get', 'create', 'update', 'delete', 'other']),
  resource: z.string(),
  resourceLabel: z.string().optional(),
  pagination: z
    .union([
      z.object({ known: z.literal(true), pagination: Pagination, reason: z.string() }),
      z.object({ known: z.literal(false), reason: z.string() }),
    ])
    .optional(),
  recordSelector: z.string().optional(),
  deprecated: z.boolean(),
});
export type ImportedOperation = z.infer<typeof ImportedOperation>;

export const OpenApiInspection = z.object({
  title: z.string(),
  version: z.string(),
  operations: z.array(ImportedOperation),
  /** Parts of the document the importer could not use, by JSON pointer (ignored, skipped or unresolved). */
  problems: z
    .array(
      z.object({ pointer: z.string(), message: z.string(), outcome: z.enum(['ignored', 'skipped', 'unresolved']) }),
    )
    .optional(),
});
export type OpenApiInspection = z.infer<typeof OpenApiInspection>;

/** The user's choices per resource. */
export const ResourceChoice = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9_]*$/i, 'Use letters, digits and _'),
    label: z.string().max(100).optional(),
    operations: z.partialRecord(OperationName, z.string().min(1)),
    pagination: Pagination.optional(),
    pageSize: z.number().int().min(1).max(1000).optional(),
    primaryKey: z.string().optional(),
    query: z.record(z.string(), z.string()).optional(),
  })
  .strict();

/** A document is named by an http(s) URL or an absolute local file path. */
export const OpenApiSource = z
  .string()
  .min(1)
  .max(2000)
  .refine(
    (s) => /^https?:\/\//i.test(s) || s.startsWith('/') || /^[A-Za-z]:[\\/]/.test(s),
    'Give an http(s) URL or an absolute file path',
  );

export const OpenApiImportInput = z
  .object({
    source: OpenApiSource,
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'Use lower-case letters, digits and dashes'),
    name: z.string().trim().min(1).max(120),
    baseUrl: z.url({ protocol: /^https?$/ }).optional(),
    resources: z.array(ResourceChoice).min(1, 'Choose at least one resource'),
  })
  .strict();
