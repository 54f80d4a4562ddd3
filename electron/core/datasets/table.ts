import type { Dataset, DatasetColumn } from '../../../shared/models/datasets';
import type { DatasetDatabase } from './db';

/**
 * The per-dataset table: declared columns (quoted, as declared) plus lineage and normalization
 * columns, all starting with "_" (declared names cannot). Money is TEXT (exact decimals) with the
 * converted amount also kept as INTEGER minor units, which SQLite sums exactly.
 */
export const SYSTEM_COLUMNS: [string, string][] = [
  ['_source', 'TEXT NOT NULL'],
  ['_record_id', 'TEXT NOT NULL'],
  ['_parent_id', 'TEXT'],
  ['_child_index', 'INTEGER'],
  ['_kind', 'TEXT NOT NULL'],
  ['_fetched_at', 'TEXT NOT NULL'],
  ['_datetime', 'TEXT'],
  ['_date', 'TEXT'],
  ['_week', 'TEXT'],
  ['_month', 'TEXT'],
  ['_amount_orig', 'TEXT'],
  ['_currency_orig', 'TEXT'],
  ['_amount', 'TEXT'],
  ['_amount_minor', 'INTEGER'],
  ['_rate', 'TEXT'],
  ['_rate_date', 'TEXT'],
  ['_rate_flag', 'TEXT NOT NULL'],
  ['_product_system', 'TEXT'],
  ['_product_key', 'TEXT'],
  ['_product_raw', 'TEXT'],
  ['_qty', 'TEXT'],
  ['_qty_milli', 'INTEGER'],
  ['_reference', 'TEXT'],
  ['_missing', 'TEXT'],
  ['_errors', 'TEXT'],
];

export function tableName(datasetId: string): string {
  return `ds_${datasetId}`;
}

export const q = (identifier: string): string => `"${identifier.replace(/"/g, '""')}"`;

export function sqlType(column: DatasetColumn): string {
  switch (column.type) {
    case 'integer':
    case 'boolean':
      return 'INTEGER';
    case 'number':
      // Decimal-format numbers stay exact text; others may be REAL.
      return column.format === 'decimal' ? 'TEXT' : 'REAL';
    default:
      return 'TEXT';
  }
}

/** Create the table if needed and add declared columns that appeared since (never drops data). */
export function ensureTable(db: DatasetDatabase, dataset: Dataset): void {
  const t = q(tableName(dataset.id));
  const declared = dataset.columns.map((c) => `${q(c.name)} ${sqlType(c)}`);
  const system = SYSTEM_COLUMNS.map(([n, type]) => `${n} ${type}`);
  db.exec(
    `CREATE TABLE IF NOT EXISTS ${t} (_seq INTEGER PRIMARY KEY, ${[...system, ...declared].join(', ')}, UNIQUE (_source, _record_id))`,
  );
  const existing = new Set(
    (db.prepare(`PRAGMA table_info(${t})`).all() as { name: string }[]).map((c) => c.name.toLowerCase()),
  );
  for (const c of dataset.columns)
    if (!existing.has(c.name.toLowerCase())) db.exec(`ALTER TABLE ${t} ADD COLUMN ${q(c.name)} ${sqlType(c)}`);
  const ix = (suffix: string, cols: string, where = '') =>
    db.exec(`CREATE INDEX IF NOT EXISTS ${q(`${tableName(dataset.id)}_${suffix}`)} ON ${t}(${cols})${where}`);
  // One covering index serves the dashboard: KPI tiles and revenue series read it instead of the
  // (wide) table. Few indexes on purpose: each costs every upsert of a 500k-row refresh.
  ix('dash', '_date, _source, _kind, _child_index, _rate_flag, _amount_minor, _week, _month');
  // Top products group by product key: streamed in index order, never touching the table.
  ix('product', '_product_system, _product_key, _date, _source, _amount_minor, _qty_milli');
  ix('parent', '_source, _parent_id', ' WHERE _parent_id IS NOT NULL');
  ix('reference', '_reference, _kind', ' WHERE _reference IS NOT NULL');
}

export function dropTable(db: DatasetDatabase, datasetId: string): void {
  db.exec(`DROP TABLE IF EXISTS ${q(tableName(datasetId))}`);
}

export function tableExists(db: DatasetDatabase, datasetId: string): boolean {
  return (
    db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(tableName(datasetId)) !== undefined
  );
}
