import { parseOrThrow } from '../../../shared/errors';
import { XrefEntry, type XrefEntryInput, type XrefImportResult } from '../../../shared/models/datasets';
import { CsvSyntaxError, parseCsv } from './csv';
import type { DatasetDatabase } from './db';
import { productKey } from './normalize/product-key';
import { errorMessage } from '../../../shared/error-message';

const HEADER_ALIASES: Record<string, keyof XrefEntry> = {
  system: 'system',
  external_id: 'externalId',
  externalid: 'externalId',
  sku: 'externalId',
  product_id: 'productId',
  productid: 'productId',
  canonical_id: 'productId',
  product_name: 'productName',
  productname: 'productName',
  name: 'productName',
};

/**
 * The product cross-reference of a dataset: each system's product id / SKU → one canonical
 * product. Lookups compare ids trimmed and case-insensitively (see productKey); ids nobody mapped
 * stay in the rows and are surfaced by the quality check, never dropped.
 */
export class XrefStore {
  constructor(private readonly db: DatasetDatabase) {}

  list(datasetId: string): XrefEntry[] {
    return this.db
      .prepare(
        `SELECT system, external_id AS externalId, product_id AS productId, product_name AS productName FROM xref WHERE dataset_id = ? ORDER BY product_id, system, key`,
      )
      .all(datasetId) as XrefEntry[];
  }

  upsert(datasetId: string, entries: readonly XrefEntryInput[]): number {
    const parsed = entries.map((e, i) => parseOrThrow(XrefEntry, e, `cross-reference entry #${i + 1}`));
    const stmt = this.db.prepare(
      `INSERT INTO xref (dataset_id, system, key, external_id, product_id, product_name) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (dataset_id, system, key) DO UPDATE SET external_id = excluded.external_id, product_id = excluded.product_id, product_name = excluded.product_name`,
    );
    this.db.transaction(() => {
      for (const e of parsed)
        stmt.run(
          datasetId,
          e.system.trim(),
          productKey(e.externalId)!,
          e.externalId.trim(),
          e.productId.trim(),
          e.productName.trim(),
        );
    })();
    return parsed.length;
  }

  remove(datasetId: string, system: string, externalId: string): boolean {
    return (
      this.db
        .prepare(`DELETE FROM xref WHERE dataset_id = ? AND system = ? AND key = ?`)
        .run(datasetId, system.trim(), productKey(externalId) ?? '').changes > 0
    );
  }

  removeAll(datasetId: string): void {
    this.db.prepare(`DELETE FROM xref WHERE dataset_id = ?`).run(datasetId);
  }

  /** (system, key) → canonical product id, for normalizing a refresh in memory. */
  resolver(datasetId: string): (system: string, key: string) => string | null {
    const map = new Map<string, string>();
    for (const r of this.db.prepare(`SELECT system, key, product_id FROM xref WHERE dataset_id = ?`).all(datasetId) as {
      system: string;
      key: string;
      product_id: string;
    }[]) {
      map.set(`${r.system}\u0000${r.key}`, r.product_id);
    }
    return (system, key) => map.get(`${system}\u0000${key}`) ?? null;
  }

  /**
   * Import "system,external_id,product_id[,product_name]" (header required, columns in any order).
   * All-or-nothing per line: good lines are imported, each bad one is reported with its line number
   * and what to fix; a file-level problem (no header, broken quoting) imports nothing.
   */
  importCsv(datasetId: string, text: string): XrefImportResult {
    let records;
    try {
      records = parseCsv(text);
    } catch (error) {
      const line = error instanceof CsvSyntaxError ? error.line : 1;
      return {
        imported: 0,
        errors: [{ line, message: `Line ${line}: ${errorMessage(error)}. Nothing was imported.` }],
      };
    }
    if (records.length === 0)
      return {
        imported: 0,
        errors: [
          { line: 1, message: 'The file is empty; expected a header "system,external_id,product_id,product_name".' },
        ],
      };
    const header = records[0]!;
    const columns = header.fields.map(
      (h) =>
        HEADER_ALIASES[
          h
            .trim()
            .toLowerCase()
            .replace(/[\s-]+/g, '_')
        ],
    );
    const unknown = header.fields.filter((_, i) => columns[i] === undefined);
    const missing = (['system', 'externalId', 'productId'] as const).filter((c) => !columns.includes(c));
    if (missing.length || unknown.length) {
      const parts = [
        missing.length
          ? `missing column${missing.length > 1 ? 's' : ''} ${missing.map((m) => ({ system: 'system', externalId: 'external_id', productId: 'product_id' })[m]).join(', ')}`
          : '',
        unknown.length
          ? `unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')}`
          : '',
      ].filter(Boolean);
      return {
        imported: 0,
        errors: [
          {
            line: header.line,
            message: `Line ${header.line}: the header has ${parts.join(' and ')}; expected system,external_id,product_id,product_name. Nothing was imported.`,
          },
        ],
      };
    }
    const errors: XrefImportResult['errors'] = [];
    const good: XrefEntry[] = [];
    const seen = new Map<string, { line: number; productId: string }>();
    for (const rec of records.slice(1)) {
      const fail = (message: string) => errors.push({ line: rec.line, message: `Line ${rec.line}: ${message}` });
      if (rec.fields.length !== columns.length) {
        fail(
          `expected ${columns.length} values, found ${rec.fields.length}; check for a missing or extra comma (quote values that contain commas).`,
        );
        continue;
      }
      const entry: Record<string, string> = {};
      columns.forEach((c, i) => (entry[c!] = rec.fields[i]!.trim()));
      const empty = (['system', 'externalId', 'productId'] as const).filter((c) => !entry[c]);
      if (empty.length) {
        fail(
          `${empty.map((c) => ({ system: 'system', externalId: 'external_id', productId: 'product_id' })[c]).join(' and ')} ${empty.length > 1 ? 'are' : 'is'} empty.`,
        );
        continue;
      }
      const k = `${entry.system}\u0000${productKey(entry.externalId)}`;
      const before = seen.get(k);
      if (before && before.productId !== entry.productId) {
        fail(
          `${entry.system} id "${entry.externalId}" was already mapped to "${before.productId}" on line ${before.line}; one id can map to one product only.`,
        );
        continue;
      }
      seen.set(k, { line: rec.line, productId: entry.productId! });
      good.push({
        system: entry.system!,
        externalId: entry.externalId!,
        productId: entry.productId!,
        productName: entry.productName ?? '',
      });
    }
    const imported = good.length ? this.upsert(datasetId, good) : 0;
    return { imported, errors };
  }
}
