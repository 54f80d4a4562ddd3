import { z } from 'zod';
import { AppError, describeZodIssues } from '../errors';
import { AuthKind } from './connection';
import { FieldSchema } from './field-schema';

/**
 * Declarative connector definitions (in the spirit of Airbyte's low-code manifests): everything the
 * one HTTP runtime needs to talk to an API, as data. Built-in catalog entries and OpenAPI imports both
 * produce this shape, and both are validated here so a bad definition fails early with zod paths.
 */
// One list of auth kinds for connections and connectors (WS-Security UsernameToken is `wsse`).
export { AuthKind };

export const HttpMethod = z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
export type HttpMethod = z.infer<typeof HttpMethod>;

export const Pagination = z.discriminatedUnion('style', [
  /** HubSpot: `paging.next.after` in the body, sent back as `?after=`. */
  z.object({ style: z.literal('cursor_in_body'), cursorPath: z.string().min(1), param: z.string().min(1) }),
  /** Stripe: `?starting_after=<id of last record>` while `has_more` is true. */
  z.object({
    style: z.literal('id_cursor'),
    param: z.string().min(1),
    hasMorePath: z.string().min(1),
    idField: z.string().min(1).default('id'),
  }),
  /** A full URL to the next page somewhere in the body (`next`, `links.next`, `@odata.nextLink`). */
  z.object({ style: z.literal('next_url'), path: z.string().min(1) }),
  /** RFC 8288 `Link: <…>; rel="next"` (Shopify, GitHub). */
  z.object({ style: z.literal('link_header') }),
  z.object({
    style: z.literal('offset_limit'),
    offsetParam: z.string().min(1),
    limitParam: z.string().min(1),
  }),
  z.object({
    style: z.literal('page_number'),
    pageParam: z.string().min(1),
    sizeParam: z.string().min(1).optional(),
    firstPage: z.number().int().min(0).default(1),
  }),
  z.object({ style: z.literal('none') }),
]);
export type Pagination = z.infer<typeof Pagination>;
export type PaginationStyle = Pagination['style'];

export const IncrementalFormat = z.enum(['iso8601', 'date', 'unix', 'unix_ms']);

/**
 * How an operation reads only what changed since a time: a query parameter (`created[gte]=…`), a
 * request header (Xero `If-Modified-Since`), or a filter in a search body (HubSpot: `lastmodifieddate
 * GTE …`, sorted by it, with a cap on the results one query may page through: past it the read
 * starts a new query from the last time seen).
 */
export const Incremental = z.union([
  z.object({ param: z.string().min(1), format: IncrementalFormat.default('iso8601') }).strict(),
  z.object({ header: z.string().min(1), format: IncrementalFormat.default('iso8601') }).strict(),
  z
    .object({
      filter: z.object({
        property: z.string().min(1),
        operator: z.enum(['GT', 'GTE']).default('GTE'),
        format: IncrementalFormat.default('unix_ms'),
      }),
      /** The search's result cap (HubSpot: 10,000): the read re-windows by time before reaching it. */
      resultCap: z.number().int().positive().optional(),
    })
    .strict(),
]);
export type Incremental = z.infer<typeof Incremental>;

/** How a search operation is told "records whose `field` equals `value`". */
export const SearchMatch = z.discriminatedUnion('style', [
  /** Stripe Search Query Language: `?query=email:'a@b.c'` (quotes and backslashes escaped). */
  z.object({ style: z.literal('query_language'), param: z.string().min(1).default('query') }),
  /** HubSpot: `filterGroups: [{filters: [{propertyName, operator: 'EQ', value}]}]` in the JSON body. */
  z.object({ style: z.literal('filter_groups') }),
  /** Xero: `?where=EmailAddress=="a@b.c"` (a C#-like expression; quotes and backslashes escaped). */
  z.object({ style: z.literal('where_expression'), param: z.string().min(1).default('where') }),
]);
export type SearchMatch = z.infer<typeof SearchMatch>;

export const Operation = z.object({
  method: HttpMethod,
  /** Relative to the base URL; `{id}` and other `{name}` placeholders are filled per call. */
  path: z.string().min(1),
  bodyEncoding: z.enum(['json', 'form', 'soap']).default('json'),
  /** How the response body is parsed; ECB publishes XML, SOAP answers XML envelopes. */
  responseFormat: z.enum(['json', 'xml']).default('json'),
  soapAction: z.string().optional(),
  soapOperation: z.string().optional(),
  /** Dotted path to the record (or array of records) in the parsed body; empty = the body itself. */
  recordSelector: z.string().default(''),
  /** `{field: key}`: a scalar `key` on any ancestor of a record is copied into it (ECB: the day's `time`). */
  inheritFields: z.record(z.string(), z.string()).optional(),
  pagination: Pagination.default({ style: 'none' }),
  pageSize: z.number().int().positive().optional(),
  /** Query parameter carrying the page size when the pagination style itself has none (`limit`). */
  pageSizeParam: z.string().optional(),
  incremental: Incremental.optional(),
  fieldSelection: z
    .object({ param: z.string().min(1), style: z.enum(['comma', 'repeat', 'array']).default('comma') })
    .optional(),
  /**
   * Where page size, page cursor and field selection go: the query string, or the JSON body of a
   * POST search (HubSpot `{limit, after, properties}`).
   */
  paramsIn: z.enum(['query', 'body']).default('query'),
  /** Fixed JSON fields of a body-parameter call (HubSpot search: `filterGroups`, `sorts`). */
  bodyTemplate: z.record(z.string(), z.unknown()).optional(),
  /** Search operations: how "field equals value" is asked. */
  match: SearchMatch.optional(),
  /** Sent with a fresh key per logical call (kept across retries) so a retried POST is not applied twice. */
  idempotencyKeyHeader: z.string().optional(),
  /** Safe to retry after a 5xx or network error even though the method is not idempotent (e.g. upsert). */
  idempotent: z.boolean().optional(),
  /** Fixed query parameters sent on every call (e.g. `status=any`). */
  query: z.record(z.string(), z.string()).optional(),
  body: z
    .object({
      /** Wrap one record: HubSpot `{properties: {...}}`, Shopify `{order: {...}}`. */
      recordKey: z.string().optional(),
      /** Wrap a batch: HubSpot `{inputs: [...]}`. */
      batchKey: z.string().optional(),
      /** Send one record as a list of one under this key: Xero `{Contacts: [{...}]}` on every write. */
      listKey: z.string().optional(),
      /** For upserts keyed by a field (HubSpot `idProperty: email`): item becomes `{id, idProperty, ...}`. */
      upsertIdProperty: z.string().optional(),
      /** Fields every item carries beside the record (HubSpot create: `associations: []`, which its document requires). */
      fixed: z.record(z.string(), z.unknown()).optional(),
    })
    .optional(),
});
export type Operation = z.infer<typeof Operation>;
export type OperationInput = z.input<typeof Operation>;

export const OperationName = z.enum([
  'list',
  'get',
  'create',
  'update',
  'upsert',
  'batchCreate',
  'batchUpdate',
  'batchUpsert',
  'batchRead',
  'delete',
  'search',
]);
export type OperationName = z.infer<typeof OperationName>;

export const Resource = z.object({
  name: z.string().regex(/^[a-z][a-z0-9_]*$/, 'lowercase letters, digits and _'),
  label: z.string().min(1),
  description: z.string().optional(),
  fields: z.array(FieldSchema).min(1),
  primaryKey: z.string().min(1),
  /** Field whose value moves forward on every change; the incremental cursor. */
  cursorField: z.string().optional(),
  operations: z.object({
    list: Operation.optional(),
    get: Operation.optional(),
    create: Operation.optional(),
    update: Operation.optional(),
    upsert: Operation.optional(),
    batchCreate: Operation.optional(),
    batchUpdate: Operation.optional(),
    batchUpsert: Operation.optional(),
    batchRead: Operation.optional(),
    delete: Operation.optional(),
    search: Operation.optional(),
  }),
  /**
   * Fields a single record can be found by, and how: `get` with extra query parameters (HubSpot
   * `?idProperty=email`, the value URL-encoded into the path) or the `search` operation.
   */
  lookups: z
    .record(
      z.string(),
      z.object({
        operation: z.enum(['get', 'search']),
        query: z.record(z.string(), z.string()).optional(),
        /** The API's own name for the field when it differs (HubSpot property `email`, Stripe `metadata['k']`). */
        apiName: z.string().optional(),
      }),
    )
    .optional(),
  /**
   * The account's own fields, read from the API (HubSpot properties API): each item becomes a field
   * under `pathPrefix`; items with `customFlag` false are the account's custom properties.
   */
  discovery: z
    .object({
      /** The API that lists the fields (HubSpot properties API); without it, `samples` records are read. */
      path: z.string().min(1).optional(),
      /**
       * Read this many records and take the keys under `pathPrefix` as fields: for free-form property
       * maps (an imported document that says only `properties: {string: string}`).
       */
      samples: z.number().int().min(1).max(100).optional(),
      recordSelector: z.string().default(''),
      nameField: z.string().default('name'),
      labelField: z.string().default('label'),
      typeField: z.string().default('type'),
      /** Field whose false value marks a custom (account-defined) field, e.g. HubSpot `hubspotDefined`. */
      customFlag: z.string().optional(),
      pathPrefix: z.string().default(''),
      /** Discovered values travel as strings on the wire (HubSpot: every property value). */
      wire: z.enum(['native', 'string']).default('native'),
    })
    .optional(),
});
export type Resource = z.infer<typeof Resource>;

export const RateLimits = z.object({
  requestsPerSecond: z.number().positive(),
  burst: z.number().int().positive().default(1),
  maxConcurrency: z.number().int().positive().default(4),
  /** Leaky-bucket state reported per response, formatted `used/limit` (`X-Shopify-Shop-Api-Call-Limit`). */
  bucketHeader: z.string().optional(),
  /** Longer windows enforced at the same time (e.g. 250,000 per day): a request waits for the strictest. */
  windows: z.array(z.object({ requests: z.number().int().positive(), perSeconds: z.number().positive() })).optional(),
});
export type RateLimits = z.infer<typeof RateLimits>;

export const ConnectorDefinition = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'lowercase id: letters, digits, . _ -'),
    name: z.string().min(1),
    kind: z.enum(['rest', 'soap']).default('rest'),
    description: z.string().default(''),
    /** Asset name under assets/connectors/. */
    logo: z.string().default('generic'),
    docsUrl: z.url().optional(),
    /** The real API this definition models, said plainly in the UI. */
    followsApi: z.string().optional(),
    /** `https://{shop}.example.com/admin/api` — `{name}` filled from connection settings. */
    baseUrlTemplate: z.string().min(1),
    /** Connection settings the template (or the user) needs, beyond credentials. */
    settings: z
      .array(
        z.object({
          name: z.string().min(1),
          label: z.string().min(1),
          default: z.string().optional(),
          required: z.boolean().default(true),
        }),
      )
      .default([]),
    authKinds: z.array(AuthKind).min(1),
    apiVersion: z.object({ header: z.string().min(1), value: z.string().min(1) }).optional(),
    /** Headers sent on every call, `{name}` filled from connection settings (Xero `xero-tenant-id: {tenantId}`). */
    headers: z.record(z.string(), z.string()).optional(),
    /**
     * A setting chosen after sign-in from what the API lists (Xero: the organisations the token may
     * reach, from its connections endpoint). `path` is relative to the base URL's origin.
     */
    settingChoice: z
      .object({
        setting: z.string().min(1),
        path: z.string().min(1),
        recordSelector: z.string().default(''),
        valueField: z.string().min(1),
        labelField: z.string().min(1),
      })
      .optional(),
    /**
     * The vendor's OAuth 2.0 endpoints and the scopes its resources need (from its document), offered
     * as the connection's defaults; the connection's own auth settings win.
     */
    oauth2: z
      .object({
        authorizeUrl: z.url().optional(),
        tokenUrl: z.url().optional(),
        scopes: z.array(z.string().min(1)).default([]),
      })
      .optional(),
    rateLimits: RateLimits.optional(),
    /** A cheap call for "Test connection": an operation of a resource. */
    testCall: z.object({ resource: z.string(), operation: OperationName.default('list') }).optional(),
    soap: z
      .object({
        /** Path (relative to the base URL) or absolute URL of the WSDL. */
        wsdl: z.string().min(1),
        version: z.enum(['1.1', '1.2']).default('1.1'),
        /** The port to call when the service has several. */
        port: z.string().optional(),
        /**
         * The WSDL and every schema it imports, keyed by the URL they were read from (an imported
         * connector carries them, so calls need no WSDL fetch and its operations cannot drift).
         */
        documents: z.record(z.string(), z.string()).optional(),
      })
      .optional(),
    resources: z.array(Resource),
    errors: z
      .object({
        retryStatuses: z.array(z.number().int().min(400).max(599)).default([408, 429, 500, 502, 503, 504]),
        /** Dotted path of the human message in an error body (`message`, `error.message`, `errors`). */
        messagePath: z.string().optional(),
      })
      .default({ retryStatuses: [408, 429, 500, 502, 503, 504] }),
    /** Imported (OpenAPI or file) rather than built in. */
    source: z.enum(['builtin', 'openapi', 'wsdl', 'user']).default('builtin'),
  })
  .superRefine((def, ctx) => {
    const names = new Set<string>();
    def.resources.forEach((res, i) => {
      if (names.has(res.name))
        ctx.addIssue({ code: 'custom', path: ['resources', i, 'name'], message: `duplicate resource "${res.name}"` });
      names.add(res.name);
      if (!res.fields.some((f) => f.name === res.primaryKey)) {
        ctx.addIssue({
          code: 'custom',
          path: ['resources', i, 'primaryKey'],
          message: `"${res.primaryKey}" is not one of the fields`,
        });
      }
      if (res.cursorField && !res.fields.some((f) => f.name === res.cursorField)) {
        ctx.addIssue({
          code: 'custom',
          path: ['resources', i, 'cursorField'],
          message: `"${res.cursorField}" is not one of the fields`,
        });
      }
      for (const [opName, op] of Object.entries(res.operations)) {
        if (!op) continue;
        if (op.bodyEncoding === 'soap' && !op.soapOperation) {
          ctx.addIssue({
            code: 'custom',
            path: ['resources', i, 'operations', opName, 'soapOperation'],
            message: 'SOAP operations need soapOperation',
          });
        }
        if (op.match && opName !== 'search')
          ctx.addIssue({
            code: 'custom',
            path: ['resources', i, 'operations', opName, 'match'],
            message: 'only search operations take "match"',
          });
        if (['get', 'update', 'delete'].includes(opName) && !op.path.includes('{id}') && op.bodyEncoding !== 'soap') {
          ctx.addIssue({
            code: 'custom',
            path: ['resources', i, 'operations', opName, 'path'],
            message: 'path must contain {id}',
          });
        }
      }
      if (res.discovery && !res.discovery.path && !res.discovery.samples)
        ctx.addIssue({
          code: 'custom',
          path: ['resources', i, 'discovery'],
          message: 'discovery needs a "path" (a fields API) or "samples" (records to read fields from)',
        });
      for (const [field, l] of Object.entries(res.lookups ?? {})) {
        if (!res.operations[l.operation])
          ctx.addIssue({
            code: 'custom',
            path: ['resources', i, 'lookups', field],
            message: `lookup by "${field}" uses ${l.operation}, which "${res.name}" does not have`,
          });
        if (l.operation === 'search' && !res.operations.search?.match)
          ctx.addIssue({
            code: 'custom',
            path: ['resources', i, 'operations', 'search', 'match'],
            message: 'a search used for lookups needs "match"',
          });
      }
    });
    for (const name of Object.values(def.headers ?? {}).flatMap((v) =>
      [...v.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!),
    ))
      if (!def.settings.some((s) => s.name === name))
        ctx.addIssue({ code: 'custom', path: ['headers'], message: `header uses {${name}}, which is not a setting` });
    if (def.kind === 'soap' && !def.soap)
      ctx.addIssue({ code: 'custom', path: ['soap'], message: 'SOAP connectors need soap.wsdl' });
    if (
      def.testCall &&
      !def.resources.some((r) => r.name === def.testCall!.resource && r.operations[def.testCall!.operation])
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['testCall'],
        message: `no operation ${def.testCall.operation} on resource "${def.testCall.resource}"`,
      });
    }
  });
export type ConnectorDefinition = z.infer<typeof ConnectorDefinition>;
export type ConnectorDefinitionInput = z.input<typeof ConnectorDefinition>;

/** Parse a definition or fail with `invalid_definition`, listing every zod path that is wrong. */
export function parseConnectorDefinition(value: unknown, where = 'connector definition'): ConnectorDefinition {
  const parsed = ConnectorDefinition.safeParse(value);
  if (parsed.success) return parsed.data;
  const { message, issues } = describeZodIssues(parsed.error);
  const id = typeof value === 'object' && value && 'id' in value ? String((value as { id: unknown }).id) : undefined;
  throw new AppError(
    'invalid_definition',
    `Invalid ${where}${id ? ` "${id}"` : ''}: ${message}. Fix these fields and load it again.`,
    {
      connectorId: id,
      issues,
    },
  );
}

/** Summary row for the catalog UI (no resources). */
export const ConnectorSummary = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['rest', 'soap']),
  description: z.string(),
  logo: z.string(),
  docsUrl: z.string().optional(),
  followsApi: z.string().optional(),
  authKinds: z.array(AuthKind),
  resources: z.array(z.object({ name: z.string(), label: z.string() })),
  source: z.enum(['builtin', 'openapi', 'wsdl', 'user']),
});
export type ConnectorSummary = z.infer<typeof ConnectorSummary>;
