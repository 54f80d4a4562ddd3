import type { ReadOptions, SourcePage, SourceReader, SourceRecord } from '../ports';
import { SmallHttp, type HttpClientOptions } from './http';

/**
 * Reads HubSpot-shaped CRM objects straight from the sandbox CRM (tests, benches, crash test).
 * The page cursor is HubSpot's own `after`, so a resumed run asks for exactly the next page.
 */
export interface CrmSourceOptions extends Partial<HttpClientOptions> {
  baseUrl: string;
  token: string;
  objectType?: 'contacts' | 'companies';
  /** Properties to read (data minimisation); default all the mapping may need is the caller's choice. */
  properties: string[];
}

export class CrmDirectSource implements SourceReader {
  readonly http: SmallHttp;
  private readonly type: string;
  private readonly modifiedProp: string;

  constructor(private readonly o: CrmSourceOptions) {
    this.http = new SmallHttp({
      ...o,
      headers: { authorization: `Bearer ${o.token}`, 'content-type': 'application/json' },
    });
    this.type = o.objectType ?? 'contacts';
    this.modifiedProp = this.type === 'companies' ? 'hs_lastmodifieddate' : 'lastmodifieddate';
  }

  async *read(options: ReadOptions): AsyncGenerator<SourcePage> {
    let after = options.cursor;
    const limit = Math.min(100, options.pageSize);
    for (;;) {
      // HubSpot reads "changed since" only through search, filtered and sorted by the modification date.
      const res =
        options.since === undefined
          ? await this.http.request(
              'GET',
              `/crm/v3/objects/${this.type}?${new URLSearchParams({
                limit: String(limit),
                properties: this.o.properties.join(','),
                ...(after ? { after } : {}),
              })}`,
              { retryUncertain: true, signal: options.signal },
            )
          : await this.http.request('POST', `/crm/v3/objects/${this.type}/search`, {
              body: JSON.stringify({
                filterGroups: [
                  { filters: [{ propertyName: this.modifiedProp, operator: 'GTE', value: String(options.since) }] },
                ],
                sorts: [this.modifiedProp],
                properties: this.o.properties,
                limit,
                after: after ?? '0',
              }),
              retryUncertain: true,
              signal: options.signal,
            });
      const body = res.body as { results: Record<string, unknown>[]; paging?: { next?: { after?: string } } };
      const next = body.paging?.next?.after ?? null;
      yield { records: body.results.map(toSource), cursor: next };
      if (!next) return;
      after = next;
    }
  }

  async count(options: { since?: number; signal?: AbortSignal }): Promise<number | undefined> {
    const filterGroups =
      options.since === undefined
        ? []
        : [{ filters: [{ propertyName: this.modifiedProp, operator: 'GTE', value: String(options.since) }] }];
    const res = await this.http.request('POST', `/crm/v3/objects/${this.type}/search`, {
      body: JSON.stringify({ filterGroups, limit: 1, properties: ['email'] }),
      retryUncertain: true,
      signal: options.signal,
    });
    const total = (res.body as { total?: number }).total;
    return typeof total === 'number' ? total : undefined;
  }

  async getMany(ids: string[], signal?: AbortSignal): Promise<SourceRecord[]> {
    const out: SourceRecord[] = [];
    for (let i = 0; i < ids.length; i += 100) {
      const inputs = ids.slice(i, i + 100).map((id) => ({ id }));
      const res = await this.http.request('POST', `/crm/v3/objects/${this.type}/batch/read`, {
        body: JSON.stringify({ inputs, properties: this.o.properties }),
        retryUncertain: true,
        signal,
      });
      out.push(...((res.body as { results: Record<string, unknown>[] }).results ?? []).map(toSource));
    }
    return out;
  }
}

function toSource(r: Record<string, unknown>): SourceRecord {
  const updated = typeof r.updatedAt === 'string' ? Date.parse(r.updatedAt) : NaN;
  return { id: String(r.id), ...(Number.isFinite(updated) ? { updatedAt: updated } : {}), data: r };
}
