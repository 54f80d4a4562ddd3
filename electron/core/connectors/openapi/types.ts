import type { Pagination } from '../../../../shared/models/connector';

/** Minimal typing of the (already dereferenced) OpenAPI 3 objects we read. */
export type Schema = {
  type?: string | string[];
  format?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  required?: string[];
  readOnly?: boolean;
  description?: string;
  enum?: unknown[];
  maxLength?: number;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  nullable?: boolean;
  additionalProperties?: boolean | Schema;
};
export type Parameter = {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
  description?: string;
};
export type MediaType = { schema?: Schema };
export type Response = { description?: string; headers?: Record<string, unknown>; content?: Record<string, MediaType> };
export type OperationObject = {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, MediaType> };
  responses?: Record<string, Response>;
  deprecated?: boolean;
};
export type OpenApiDoc = {
  openapi: string;
  info: { title: string; version: string; description?: string };
  servers?: { url: string; variables?: Record<string, { default: string }> }[];
  paths: Record<string, Record<string, OperationObject | Parameter[] | unknown>>;
  components?: {
    securitySchemes?: Record<string, { type: string; in?: string; scheme?: string; flows?: Record<string, unknown> }>;
  };
  security?: Record<string, string[]>[];
  externalDocs?: { url: string };
  /** Set by the loader: what it could not use, by JSON pointer (not part of OpenAPI). */
  'x-patchbay-problems'?: DocumentProblem[];
};

/**
 * A part of a document the importer could not use as written, named by its JSON pointer: `ignored`
 * (harmless, e.g. siblings of a $ref), `skipped` (that operation or path left out of the import),
 * `unresolved` (a $ref to nothing; what contains it is skipped).
 */
export interface DocumentProblem {
  pointer: string;
  message: string;
  outcome: 'ignored' | 'skipped' | 'unresolved';
}

export type InferredPagination =
  { known: true; pagination: Pagination; reason: string } | { known: false; reason: string };

export type OperationRole = 'list' | 'get' | 'create' | 'update' | 'delete' | 'other';

/** One operation as the import wizard shows it. */
export interface ImportedOperation {
  /** operationId, or `METHOD path` when the document has none. */
  id: string;
  method: string;
  path: string;
  summary?: string;
  tags: string[];
  role: OperationRole;
  /** Suggested resource name: the collection's own path segment, snake_cased (`contacts`, `balance_transactions`). */
  resource: string;
  /** The collection as the vendor writes it (`Contacts`, `customers`). */
  resourceLabel?: string;
  /** For list operations: inferred pagination or "unknown — please choose". */
  pagination?: InferredPagination;
  recordSelector?: string;
  deprecated: boolean;
}
