import { z } from 'zod';
import { FieldSchema } from './field-schema';
import { MappingRule } from './mapping';

/**
 * Aggregated datasets: a local table with a declared schema, filled by several sources,
 * normalized (one time zone and granularity, one reporting currency, canonical products, units)
 * and checked for quality. Money crosses every boundary as decimal strings, never as floats.
 */

const Id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'Use letters, digits, "-" or "_" (at most 64)');
/** Column names become SQLite identifiers; a leading "_" is reserved for lineage/normalization columns. */
const ColumnName = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]{0,62}$/, 'Start with a letter; letters, digits and "_" only');
const Currency = z
  .string()
  .transform((c) => c.trim().toUpperCase())
  .pipe(z.string().regex(/^[A-Z]{3}$/, 'a 3-letter ISO 4217 code such as EUR'));
const DateOnly = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2026-01-31');
/** Positive decimal text ("1.0823"); rates and factors are never floats. */
const PositiveDecimal = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .pipe(
    z
      .string()
      .regex(/^(?:\d+)(?:\.\d+)?$/, 'a positive decimal like 1.0823')
      .refine((s) => /[1-9]/.test(s), 'must be greater than zero'),
  );

export const Granularity = z.enum(['day', 'week', 'month']);
export type Granularity = z.infer<typeof Granularity>;

export const DatasetColumn = FieldSchema.extend({ name: ColumnName });
export type DatasetColumn = z.infer<typeof DatasetColumn>;

/** Which declared columns carry the meanings the normalization layer and the dashboard rely on. */
export const DatasetRoles = z.object({
  /** date or datetime column: bucketed into day / ISO week / month in the dataset's time zone. */
  date: ColumnName,
  /** Money amount of the row (decimal text or a money transform's {amount, currency}). */
  amount: ColumnName.optional(),
  /** When `amount` is empty: amount = unitPrice × quantity, computed exactly. */
  unitPrice: ColumnName.optional(),
  currency: ColumnName.optional(),
  quantity: ColumnName.optional(),
  /** Unit of the quantity as the source states it ("pack6", "unit"…), matched by unit conversions. */
  unit: ColumnName.optional(),
  /** The system's product id / SKU, resolved through the product cross-reference. */
  product: ColumnName.optional(),
  /** Order / invoice reference: reconciliation and cross-source duplicate detection. */
  reference: ColumnName.optional(),
});
export type DatasetRoles = z.infer<typeof DatasetRoles>;

export const SourceKind = z.enum(['order', 'invoice', 'other']);
export type SourceKind = z.infer<typeof SourceKind>;

export const DatasetSource = z
  .object({
    id: Id,
    label: z.string().min(1),
    /** Orders vs invoices drive the KPI tiles and the reconciliation. */
    kind: SourceKind.default('other'),
    connectionId: z.string().min(1),
    resource: z.string().min(1),
    /** A saved mapping into the dataset's columns… */
    mappingId: z.string().min(1).optional(),
    /** …or inline field rules (target = dataset column). */
    rules: z.array(MappingRule).optional(),
    /** One dataset row per element of this array (e.g. "line_items"); rules read it as `item.<field>`. */
    explode: z.string().min(1).optional(),
    /** Read only records changed since the last refresh when the resource allows it. */
    incremental: z.boolean().default(true),
    /** Name of the system in the product cross-reference (defaults to the source id). */
    productSystem: z.string().min(1).optional(),
    /** Fields every record should have; a missing one is a "schema change". Default: what the rules read. */
    expectedFields: z.array(z.string().min(1)).optional(),
    enabled: z.boolean().default(true),
  })
  .refine((s) => (s.mappingId === undefined) !== (s.rules === undefined), {
    message: 'set exactly one of mappingId or rules',
  });
export type DatasetSource = z.infer<typeof DatasetSource>;
export type DatasetSourceInput = z.input<typeof DatasetSource>;

export const FixedRate = z.object({ currency: Currency, rate: PositiveDecimal });
export type FixedRate = z.infer<typeof FixedRate>;

/**
 * ECB semantics: rates are "units of currency per 1 EUR" (base EUR); cross rates go via the base.
 * A connection reads the ECB-compatible connector; fixed rates are typed by the user.
 */
export const RateSource = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('connection'),
    connectionId: z.string().min(1),
    resource: z.string().min(1).default('history'),
    /** How many calendar days back a missing date may borrow a rate (weekends, TARGET holidays). */
    maxFallbackDays: z.number().int().min(0).max(31).default(7),
  }),
  z.object({
    kind: z.literal('fixed'),
    base: Currency.default('EUR'),
    rates: z.array(FixedRate).default([]),
  }),
]);
export type RateSource = z.infer<typeof RateSource>;

export const UnitConversion = z.object({
  /** Restrict to one source / one canonical product / one stated unit; unset = any. */
  sourceId: z.string().optional(),
  productId: z.string().optional(),
  unit: z.string().optional(),
  /** Quantity in base units = stated quantity × factor (a pack of 6 → 6). */
  factor: PositiveDecimal,
  label: z.string().optional(),
});
export type UnitConversion = z.infer<typeof UnitConversion>;

export const Dataset = z
  .object({
    id: Id,
    name: z.string().min(1).max(120),
    description: z.string().optional(),
    columns: z.array(DatasetColumn).min(1),
    roles: DatasetRoles,
    reportingCurrency: Currency,
    timezone: z.string().min(1).default('UTC'),
    granularity: Granularity.default('day'),
    sources: z.array(DatasetSource).default([]),
    rateSource: RateSource.default({ kind: 'fixed', base: 'EUR', rates: [] }),
    unitConversions: z.array(UnitConversion).default([]),
    /** Cron expression for the sync scheduler; null = refresh on demand only. */
    schedule: z.string().nullable().default(null),
    updatedAt: z.iso.datetime({ offset: true }).optional(),
  })
  .superRefine((d, ctx) => {
    const names = new Set<string>();
    d.columns.forEach((c, i) => {
      if (names.has(c.name.toLowerCase()))
        ctx.addIssue({ code: 'custom', path: ['columns', i, 'name'], message: `duplicate column "${c.name}"` });
      names.add(c.name.toLowerCase());
    });
    for (const [role, column] of Object.entries(d.roles)) {
      if (column !== undefined && !names.has(column.toLowerCase()))
        ctx.addIssue({ code: 'custom', path: ['roles', role], message: `no column named "${column}"` });
    }
    const ids = new Set<string>();
    d.sources.forEach((s, i) => {
      if (ids.has(s.id))
        ctx.addIssue({ code: 'custom', path: ['sources', i, 'id'], message: `duplicate source id "${s.id}"` });
      ids.add(s.id);
    });
    if ((d.roles.amount || d.roles.unitPrice) && !d.roles.currency) {
      ctx.addIssue({ code: 'custom', path: ['roles', 'currency'], message: 'an amount needs a currency column' });
    }
  });
export type Dataset = z.infer<typeof Dataset>;
export type DatasetInput = z.input<typeof Dataset>;

export const DatasetSummary = z.object({
  id: z.string(),
  name: z.string(),
  reportingCurrency: z.string(),
  sources: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      kind: SourceKind,
      rows: z.number().int(),
      lastRefreshAt: z.string().nullable(),
    }),
  ),
  rows: z.number().int(),
  lastRefreshAt: z.string().nullable(),
});
export type DatasetSummary = z.infer<typeof DatasetSummary>;

// ---- refresh ---------------------------------------------------------------------------------

export const RefreshProgress = z.object({
  datasetId: z.string(),
  phase: z.enum(['rates', 'source', 'normalize', 'done']),
  sourceId: z.string().optional(),
  rows: z.number().int(),
  message: z.string().optional(),
});
export type RefreshProgress = z.infer<typeof RefreshProgress>;

export const SourceRefreshResult = z.object({
  sourceId: z.string(),
  mode: z.enum(['full', 'incremental']),
  records: z.number().int(),
  rows: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  mappingIssues: z.array(z.string()),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  cursor: z.string().nullable(),
});
export type SourceRefreshResult = z.infer<typeof SourceRefreshResult>;

export const RefreshResult = z.object({
  datasetId: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  rates: z.object({ loaded: z.number().int(), changed: z.boolean(), error: z.string().nullable() }),
  sources: z.array(SourceRefreshResult),
  rows: z.number().int(),
});
export type RefreshResult = z.infer<typeof RefreshResult>;

// ---- queries ---------------------------------------------------------------------------------

export const DatasetFilters = z.object({
  /** Inclusive calendar dates in the dataset's time zone. */
  from: DateOnly.optional(),
  to: DateOnly.optional(),
  sources: z.array(z.string()).optional(),
  granularity: Granularity.optional(),
  limit: z.number().int().min(1).max(10_000).default(100),
  offset: z.number().int().min(0).default(0),
});
export type DatasetFilters = z.infer<typeof DatasetFilters>;
export type DatasetFiltersInput = z.input<typeof DatasetFilters>;

export const RateFlag = z.enum(['same', 'exact', 'fallback', 'fixed', 'no_rate', 'unknown_currency', 'no_amount']);
export type RateFlag = z.infer<typeof RateFlag>;

/** One dataset row as shown in tables and quality drill-downs: declared columns plus normalization. */
export const DatasetRow = z.object({
  sourceId: z.string(),
  recordId: z.string(),
  fetchedAt: z.string(),
  values: z.record(z.string(), z.unknown()),
  date: z.string().nullable(),
  bucket: z.string().nullable(),
  originalAmount: z.string().nullable(),
  originalCurrency: z.string().nullable(),
  amount: z.string().nullable(),
  rate: z.string().nullable(),
  rateDate: z.string().nullable(),
  rateFlag: RateFlag,
  productKey: z.string().nullable(),
  canonicalProduct: z.string().nullable(),
  quantity: z.string().nullable(),
  missingFields: z.array(z.string()),
  errors: z.array(z.string()),
});
export type DatasetRow = z.infer<typeof DatasetRow>;

export const RowPage = z.object({ total: z.number().int(), rows: z.array(DatasetRow) });
export type RowPage = z.infer<typeof RowPage>;

export const QualityCheckId = z.enum([
  'rows_per_source',
  'unmatched_products',
  'missing_rates',
  'fallback_rates',
  'unknown_currencies',
  'cross_source_duplicates',
  'schema_changes',
  'mapping_errors',
]);
export type QualityCheckId = z.infer<typeof QualityCheckId>;

export const QualityCheck = z.object({
  id: QualityCheckId,
  label: z.string(),
  count: z.number().int(),
  severity: z.enum(['info', 'warning', 'error']),
  /** Per-source breakdown (rows per source, and where each problem comes from). */
  bySource: z.record(z.string(), z.number().int()),
  /** A few distinct values to show inline: unmatched ids, unknown currencies, missing fields. */
  examples: z.array(z.string()),
});
export type QualityCheck = z.infer<typeof QualityCheck>;

export const QualityReport = z.object({ datasetId: z.string(), rows: z.number().int(), checks: z.array(QualityCheck) });
export type QualityReport = z.infer<typeof QualityReport>;

export const Kpis = z.object({
  currency: z.string(),
  revenue: z.string(),
  orders: z.number().int(),
  invoices: z.number().int(),
  orderRevenue: z.string(),
  averageOrderValue: z.string().nullable(),
  rows: z.number().int(),
  /** Rows whose amount could not be converted: never summed, counted here instead. */
  unconvertedRows: z.number().int(),
});
export type Kpis = z.infer<typeof Kpis>;

export const SeriesPoint = z.object({ bucket: z.string(), value: z.string(), rows: z.number().int() });
export const Series = z.object({
  metric: z.literal('revenue'),
  granularity: Granularity,
  currency: z.string(),
  buckets: z.array(z.string()),
  series: z.array(z.object({ sourceId: z.string(), label: z.string(), points: z.array(SeriesPoint) })),
});
export type Series = z.infer<typeof Series>;

export const TopProducts = z.object({
  currency: z.string(),
  items: z.array(
    z.object({
      productId: z.string(),
      name: z.string(),
      revenue: z.string(),
      quantity: z.string(),
      rows: z.number().int(),
    }),
  ),
  unmatched: z.object({ rows: z.number().int(), revenue: z.string() }),
});
export type TopProducts = z.infer<typeof TopProducts>;

export const ReconciliationLine = z.object({
  reference: z.string(),
  status: z.enum(['matched', 'amount_differs', 'order_only', 'invoice_only']),
  orderAmount: z.string().nullable(),
  invoiceAmount: z.string().nullable(),
  difference: z.string().nullable(),
});
export const Reconciliation = z.object({
  currency: z.string(),
  summary: z.object({
    matched: z.number().int(),
    amountDiffers: z.number().int(),
    orderOnly: z.number().int(),
    invoiceOnly: z.number().int(),
  }),
  lines: z.array(ReconciliationLine),
});
export type Reconciliation = z.infer<typeof Reconciliation>;

export const SeriesName = z.enum(['kpis', 'revenue', 'top_products', 'reconciliation', 'rows']);
export type SeriesName = z.infer<typeof SeriesName>;

// ---- product cross-reference ----------------------------------------------------------------

export const XrefEntry = z.object({
  system: z.string().min(1),
  externalId: z.string().min(1),
  productId: z.string().min(1),
  productName: z.string().default(''),
});
export type XrefEntry = z.infer<typeof XrefEntry>;
export type XrefEntryInput = z.input<typeof XrefEntry>;

export const XrefImportResult = z.object({
  imported: z.number().int(),
  errors: z.array(z.object({ line: z.number().int(), message: z.string() })),
});
export type XrefImportResult = z.infer<typeof XrefImportResult>;

export const RateRow = z.object({
  date: z.string().nullable(),
  currency: z.string(),
  rate: z.string(),
  origin: z.enum(['feed', 'fixed']),
});
export type RateRow = z.infer<typeof RateRow>;
