import { z } from 'zod';
import {
  Dataset,
  DatasetFilters,
  DatasetSummary,
  FixedRate,
  Kpis,
  QualityCheckId,
  QualityReport,
  RateRow,
  Reconciliation,
  RefreshResult,
  RowPage,
  Series,
  SeriesName,
  TopProducts,
  XrefEntry,
  XrefImportResult,
} from '../models/datasets';
import { channel } from './define';

/** A dataset by id, or by name as the CLI types it. */
const Ref = z.string().min(1).max(200);
const Filters = DatasetFilters.strict().optional();
const ById = z.object({ id: Ref }).strict();
const ByIdFiltered = z.object({ id: Ref, filters: Filters }).strict();
/** Absolute path chosen with app:chooseSavePath (core checks it again: the renderer is not trusted). */
const TargetPath = z.string().min(1).max(4096);
const DateOnly = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2026-01-31');

export const DatasetExportInput = z
  .object({
    id: Ref,
    /** One dashboard series (a chart's "Export CSV"); absent = every row of the dataset. */
    series: SeriesName.optional(),
    filters: Filters,
    path: TargetPath,
  })
  .strict();

export const DatasetProgress = z.object({
  datasetId: z.string(),
  /** The source being read, or the phase without one ("rates", "normalize", "done"). */
  source: z.string(),
  phase: z.enum(['rates', 'source', 'normalize', 'done']),
  /** Rows read so far for this source (all rows once done). */
  done: z.number().int(),
  /** Rows this source had after the previous refresh: an estimate, absent on a first refresh. */
  total: z.number().int().optional(),
});
export type DatasetProgress = z.infer<typeof DatasetProgress>;

export const datasetsChannels = {
  'datasets:list': channel(
    z.object({}).strict(),
    z.array(DatasetSummary),
    'Every dataset with its row counts per source and last refresh.',
  ),
  'datasets:get': channel(ById, Dataset, 'One dataset definition (by id or name).'),
  'datasets:save': channel(z.object({ dataset: Dataset }).strict(), Dataset, 'Create or replace a dataset definition.'),
  'datasets:remove': channel(
    ById,
    z.object({ removed: z.literal(true) }),
    'Delete a dataset, its rows and its cross-reference.',
  ),
  'datasets:refresh': channel(
    z
      .object({ id: Ref, full: z.boolean().optional(), sources: z.array(z.string().min(1)).max(50).optional() })
      .strict(),
    RefreshResult,
    'Read the sources (incrementally where they allow it) and the rates; returns when done, with datasets:progress on the way.',
  ),
  'datasets:quality': channel(
    ByIdFiltered,
    QualityReport,
    'Quality checks: rows per source, unmatched ids, missing/fallback rates, unknown currencies, duplicates, schema changes.',
  ),
  'datasets:qualityRows': channel(
    z.object({ id: Ref, check: QualityCheckId, filters: Filters }).strict(),
    RowPage,
    'The rows behind one quality check number.',
  ),
  'datasets:kpis': channel(
    ByIdFiltered,
    Kpis,
    'Revenue in the reporting currency, orders, invoices, average order value.',
  ),
  'datasets:series': channel(ByIdFiltered, Series, 'Revenue per day / ISO week / month, by source.'),
  'datasets:topProducts': channel(
    z.object({ id: Ref, filters: Filters, limit: z.number().int().min(1).max(100).optional() }).strict(),
    TopProducts,
    'Best-selling canonical products, plus what could not be matched.',
  ),
  'datasets:reconciliation': channel(
    z.object({ id: Ref, filters: Filters, limit: z.number().int().min(1).max(5000).optional() }).strict(),
    Reconciliation,
    'Orders vs invoices by reference.',
  ),
  'datasets:exportCsv': channel(
    DatasetExportInput,
    z.object({ path: z.string(), rows: z.number().int(), bytes: z.number().int() }),
    'Write one series, or the whole dataset, to a CSV file.',
  ),
  'datasets:xrefList': channel(ById, z.array(XrefEntry), 'The product cross-reference of a dataset.'),
  'datasets:xrefUpsert': channel(
    z.object({ id: Ref, entries: z.array(XrefEntry.strict()).min(1).max(10_000) }).strict(),
    z.object({ upserted: z.number().int() }),
    'Add or change cross-reference entries.',
  ),
  'datasets:xrefRemove': channel(
    z.object({ id: Ref, system: z.string().min(1), externalId: z.string().min(1) }).strict(),
    z.object({ removed: z.boolean() }),
    'Remove one cross-reference entry.',
  ),
  'datasets:xrefImportCsv': channel(
    z.object({ id: Ref, text: z.string().max(10_000_000) }).strict(),
    XrefImportResult,
    'Import "system,external_id,product_id,product_name" lines; each bad line is reported.',
  ),
  'datasets:ratesList': channel(
    z
      .object({
        id: Ref,
        currency: z
          .string()
          .regex(/^[A-Za-z]{3}$/)
          .optional(),
        from: DateOnly.optional(),
        to: DateOnly.optional(),
        limit: z.number().int().min(1).max(10_000).optional(),
      })
      .strict(),
    z.array(RateRow),
    'The rates a dataset converts with (feed or fixed).',
  ),
  'datasets:ratesSetFixed': channel(
    z
      .object({
        id: Ref,
        base: z
          .string()
          .regex(/^[A-Za-z]{3}$/)
          .optional(),
        rates: z.array(FixedRate.strict()).max(200),
      })
      .strict(),
    Dataset,
    'Switch a dataset to fixed rates (units per 1 base currency); stored rows are re-converted.',
  ),
  'datasets:installDemo': channel(
    z
      .object({
        shopConnectionId: z.string().min(1),
        billingConnectionId: z.string().min(1),
        ratesConnectionId: z.string().min(1),
      })
      .strict(),
    DatasetSummary,
    'Create the "Sales overview" demo dataset over shop, billing and rates connections.',
  ),
};

export const datasetsEvents = {
  'datasets:progress': DatasetProgress,
};
