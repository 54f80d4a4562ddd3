import { z } from 'zod';
import { OperationName, Pagination } from './connector';
import { FieldType } from './field-schema';
import { OpenApiSource } from './openapi-import';

/** One typed field of an operation's input or output, as the WSDL import wizard shows it. */
export interface WsdlFieldSummary {
  name: string;
  type: z.infer<typeof FieldType>;
  xsdType: string;
  required: boolean;
  array: boolean;
  attribute?: boolean;
  nillable?: boolean;
  choice?: boolean;
  enum?: string[];
  children?: WsdlFieldSummary[];
}
export const WsdlFieldSummary: z.ZodType<WsdlFieldSummary> = z.lazy(() =>
  z.object({
    name: z.string(),
    type: FieldType,
    xsdType: z.string(),
    required: z.boolean(),
    array: z.boolean(),
    attribute: z.boolean().optional(),
    nillable: z.boolean().optional(),
    choice: z.boolean().optional(),
    enum: z.array(z.string()).optional(),
    children: z.array(WsdlFieldSummary).optional(),
  }),
);

export const WsdlOperationInfo = z.object({
  name: z.string(),
  port: z.string(),
  style: z.enum(['document', 'rpc']),
  use: z.enum(['literal', 'encoded']),
  soapAction: z.string(),
  role: z.enum(['list', 'get', 'create', 'update', 'delete', 'other']),
  resource: z.string(),
  pagination: Pagination.optional(),
  incrementalParam: z.string().optional(),
  recordSelector: z.string().optional(),
  input: z.array(WsdlFieldSummary),
  output: z.array(WsdlFieldSummary),
  /** Schema constructs typed loosely (xs:any, undeclared types): the operation still imports. */
  gaps: z.array(z.string()),
});
export type WsdlOperationInfo = z.infer<typeof WsdlOperationInfo>;

export const WsdlInspection = z.object({
  document: z.string(),
  service: z.string(),
  port: z.string(),
  version: z.enum(['1.1', '1.2']),
  endpoint: z.string().optional(),
  operations: z.array(WsdlOperationInfo),
  /** Operations that cannot be imported, and why. */
  skipped: z.array(z.object({ operation: z.string(), reason: z.string() })),
  /** Imported schemas that could not be read (only when the user allowed a partial import). */
  skippedImports: z.array(z.object({ document: z.string(), reason: z.string() })),
});
export type WsdlInspection = z.infer<typeof WsdlInspection>;

const WsdlRole = z.enum(['list', 'get', 'create', 'update', 'upsert', 'delete']);

/** The user's choices per resource: which operation reads (list with paging, get) and which write. */
export const WsdlResourceChoice = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9_]*$/, 'Use lower-case letters, digits and _'),
    label: z.string().max(100).optional(),
    operations: z.partialRecord(WsdlRole, z.string().min(1)),
    pagination: Pagination.optional(),
    pageSize: z.number().int().min(1).max(1000).optional(),
    primaryKey: z.string().optional(),
    recordSelectors: z.partialRecord(OperationName, z.string()).optional(),
  })
  .strict();

export const WsdlSource = OpenApiSource;

export const WsdlInspectInput = z.object({ source: WsdlSource, allowMissingImports: z.boolean().optional() }).strict();

export const WsdlImportInput = z
  .object({
    source: WsdlSource,
    allowMissingImports: z.boolean().optional(),
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'Use lower-case letters, digits and dashes'),
    name: z.string().trim().min(1).max(120),
    baseUrl: z.url({ protocol: /^https?$/ }).optional(),
    resources: z.array(WsdlResourceChoice).min(1, 'Choose at least one resource'),
  })
  .strict();
export type WsdlImportInput = z.infer<typeof WsdlImportInput>;
