import { createHash } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import type { RateRow, RateSource } from '../../../shared/models/datasets';
import type { DatasetDatabase } from './db';
import { RateTable } from './normalize/rate-table';
import type { SourceOpener } from './source';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const RATE = /^\d+(?:\.\d+)?$/;

export function rateKey(source: Extract<RateSource, { kind: 'connection' }>): string {
  return `conn:${source.connectionId}:${source.resource}`;
}

/**
 * Published rates cached in datasets.db (one copy per rate connection, shared by datasets), so a
 * dataset can be re-normalized offline and the rates used stay inspectable. A version stamp tells
 * a dataset whether its rows were converted with the rates now stored.
 */
export class RatesStore {
  constructor(
    private readonly db: DatasetDatabase,
    private readonly openSource: SourceOpener,
  ) {
    db.exec(
      `CREATE TABLE IF NOT EXISTS rates_meta (rate_key TEXT PRIMARY KEY, version INTEGER NOT NULL, fetched_at TEXT)`,
    );
  }

  /** Read the whole feed (ECB history is ~7k days × 30 currencies) and upsert what changed. */
  async refresh(
    source: Extract<RateSource, { kind: 'connection' }>,
    now: string,
    signal?: AbortSignal,
  ): Promise<{ loaded: number; changed: boolean }> {
    const key = rateKey(source);
    const opened = await this.openSource(source.connectionId, source.resource);
    const upsert = this.db.prepare(
      `INSERT INTO rates (rate_key, currency, date, rate) VALUES (?, ?, ?, ?)
       ON CONFLICT (rate_key, currency, date) DO UPDATE SET rate = excluded.rate WHERE rates.rate <> excluded.rate`,
    );
    let loaded = 0;
    let changes = 0;
    let skipped = 0;
    for await (const page of opened.reader.read({ cursor: null, pageSize: 1000, signal })) {
      this.db.transaction(() => {
        for (const { data } of page.records) {
          const date = String(data.time ?? '').trim();
          const currency = String(data.currency ?? '')
            .trim()
            .toUpperCase();
          const rate = String(data.rate ?? '').trim();
          if (!DATE.test(date) || !/^[A-Z]{3}$/.test(currency) || !RATE.test(rate)) {
            skipped++;
            continue;
          }
          loaded++;
          changes += upsert.run(key, currency, date, rate).changes;
        }
      })();
    }
    if (loaded === 0) {
      throw new AppError(
        'bad_response',
        `The rates source ${source.connectionId}/${source.resource} returned no usable rate (${skipped} malformed); check that it is an ECB-compatible feed.`,
      );
    }
    this.db
      .prepare(
        `INSERT INTO rates_meta (rate_key, version, fetched_at) VALUES (?, 1, ?) ON CONFLICT (rate_key) DO UPDATE SET version = version + ?, fetched_at = excluded.fetched_at`,
      )
      .run(key, now, changes > 0 ? 1 : 0);
    return { loaded, changed: changes > 0 };
  }

  /** The lookup table for a rate source (fixed rates need no database). */
  table(source: RateSource): RateTable {
    if (source.kind === 'fixed') return RateTable.fixedRates(source.rates, source.base);
    const rows = this.db.prepare(`SELECT date, currency, rate FROM rates WHERE rate_key = ?`).all(rateKey(source)) as {
      date: string;
      currency: string;
      rate: string;
    }[];
    return RateTable.fromRows(rows, 'EUR', source.maxFallbackDays);
  }

  /** Stamp of the rates a conversion used: changes when the feed published new or corrected rates. */
  version(source: RateSource): string {
    if (source.kind === 'fixed')
      return `fixed:${createHash('sha256').update(JSON.stringify(source)).digest('hex').slice(0, 16)}`;
    const row = this.db.prepare(`SELECT version FROM rates_meta WHERE rate_key = ?`).get(rateKey(source)) as
      { version: number } | undefined;
    return `${rateKey(source)}@${row?.version ?? 0}:${source.maxFallbackDays}`;
  }

  list(source: RateSource, options: { currency?: string; from?: string; to?: string; limit?: number } = {}): RateRow[] {
    if (source.kind === 'fixed')
      return source.rates.map((r) => ({ date: null, currency: r.currency, rate: r.rate, origin: 'fixed' as const }));
    const where = ['rate_key = @key'];
    if (options.currency) where.push('currency = @currency');
    if (options.from) where.push('date >= @from');
    if (options.to) where.push('date <= @to');
    const rows = this.db
      .prepare(
        `SELECT date, currency, rate FROM rates WHERE ${where.join(' AND ')} ORDER BY date DESC, currency LIMIT @limit`,
      )
      .all({
        key: rateKey(source),
        currency: options.currency?.toUpperCase(),
        from: options.from,
        to: options.to,
        limit: options.limit ?? 1000,
      }) as { date: string; currency: string; rate: string }[];
    return rows.map((r) => ({ ...r, origin: 'feed' as const }));
  }
}
