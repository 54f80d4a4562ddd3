import { apiTimeMs } from '../../../../shared/mapping/json-date';
import type { ConnectorClient } from '../../connectors/client';
import type { ReadOptions, SourcePage, SourceReader, SourceRecord } from '../ports';

/**
 * A SourceReader over the connector runtime (auth, rate limits, retries, call logs). The runtime's
 * paginator does not expose its page cursors, so the checkpoint cursor is a record position
 * (`n:<records already read>`): a resumed run re-reads and skips them — no writes, but reads.
 * Incremental runs pass `since` to the API's "changed since" parameter.
 */
export interface ConnectorSourceOptions {
  client: ConnectorClient;
  resource: string;
  /** Fields to ask for (data minimisation) where the API can select fields. */
  fields?: string[];
}

export class ConnectorSource implements SourceReader {
  constructor(private readonly o: ConnectorSourceOptions) {}

  private toRecord(r: Record<string, unknown>): SourceRecord {
    const res = this.o.client.resource(this.o.resource);
    const updatedAt = apiTimeMs(res.cursorField ? r[res.cursorField] : undefined);
    return { id: String(r[res.primaryKey]), ...(Number.isFinite(updatedAt) ? { updatedAt } : {}), data: r };
  }

  async *read(options: ReadOptions): AsyncGenerator<SourcePage> {
    let skip = options.cursor?.startsWith('n:') ? Number(options.cursor.slice(2)) : 0;
    let position = 0;
    const pages = this.o.client.listPages(this.o.resource, {
      pageSize: options.pageSize,
      signal: options.signal,
      fields: this.o.fields,
      ...(options.since !== undefined ? { since: new Date(options.since) } : {}),
    });
    let pending: SourceRecord[] | null = null;
    for await (const page of pages) {
      // Yield one page behind so the last page can say cursor null (the paginator ends without telling us early).
      if (pending) yield { records: pending, cursor: `n:${position}` };
      pending = null;
      const records = page.map((r) => this.toRecord(r));
      position += records.length;
      if (skip >= records.length) {
        skip -= records.length;
        continue;
      }
      pending = records.slice(skip);
      skip = 0;
    }
    yield { records: pending ?? [], cursor: null };
  }

  async getMany(ids: string[], signal?: AbortSignal): Promise<SourceRecord[]> {
    const out: SourceRecord[] = [];
    for (const id of ids) {
      try {
        out.push(this.toRecord(await this.o.client.get(this.o.resource, id, { signal, fields: this.o.fields })));
      } catch {
        // Gone or unreadable: the retry falls back to the quarantined copy.
      }
    }
    return out;
  }
}
