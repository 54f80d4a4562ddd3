import { AppError } from '../../../../shared/errors';
import { normalizeMatchKey } from '../../../../shared/mapping';
import type { MatchKeyNormalization } from '../../../../shared/models/mapping';
import { lookupMatches, flattenRecord } from '../../access/match-lookup';
import type { ConnectorClient } from '../../connectors/client';
import { getPath } from '../../connectors/paths';
import { nest, type SchemaLike } from '../field-paths';
import { RecordRejected, type CreateOptions, type TargetRecord, type TargetWriter } from '../ports';

/**
 * How to find one target record by its match field. Connector definitions declare no search
 * operation yet, so a sync names one: a GET with `{key}` in the path or query (Stripe
 * `/v1/customers/search?query=email:'{key}'`, HubSpot `/crm/v3/objects/contacts/{key}?idProperty=email`).
 * Without a recipe the adapter scans the list (fine for small targets only).
 */
export interface SearchRecipe {
  path: string;
  query?: Record<string, string>;
  /** Where the records are in the answer ('' = the answer is the record). */
  recordSelector: string;
}

export interface ConnectorTargetOptions {
  client: ConnectorClient;
  resource: string;
  /** The mapping's target schema (flat names with API paths). */
  schema: SchemaLike;
  matchField: string;
  normalization: MatchKeyNormalization;
  search?: SearchRecipe;
}

const STATUS = /\b([45]\d\d)\b/;

export class ConnectorTarget implements TargetWriter {
  readonly supportsIdempotencyKey: boolean;
  readonly maxBatch = 1;

  constructor(private readonly o: ConnectorTargetOptions) {
    this.supportsIdempotencyKey = Boolean(o.client.resource(o.resource).operations.create?.idempotencyKeyHeader);
  }

  private flat(record: Record<string, unknown>): TargetRecord {
    const res = this.o.client.resource(this.o.resource);
    const values = flattenRecord(record, res);
    return { id: String(values[res.primaryKey] ?? record[res.primaryKey] ?? ''), values };
  }

  /** Nested by the schema paths, minus the operation's own wrapper (HubSpot `properties`), which the client adds. */
  private body(values: Record<string, unknown>, op: 'create' | 'update'): Record<string, unknown> {
    const nested = nest(values, this.o.schema);
    const key = this.o.client.resource(this.o.resource).operations[op]?.body?.recordKey;
    if (key && nested[key] && typeof nested[key] === 'object') {
      const { [key]: inner, ...rest } = nested;
      return { ...(inner as Record<string, unknown>), ...rest };
    }
    return nested;
  }

  async findByMatchKey(key: string, signal?: AbortSignal): Promise<TargetRecord | null> {
    const recipe = this.o.search;
    if (!recipe) {
      const found = await lookupMatches(this.o.client, this.o.resource, [key], {
        targetField: this.o.matchField,
        normalization: this.o.normalization,
        signal,
        maxScan: 100_000,
      });
      const hit = found.matches.get(key);
      return hit ? { id: hit.id, values: hit.values } : null;
    }
    const fill = (s: string) => s.replace(/\{key\}/g, key.replace(/['\\]/g, '\\$&'));
    const query = Object.fromEntries(Object.entries(recipe.query ?? {}).map(([k, v]) => [k, fill(v)]));
    try {
      const res = await this.o.client.runtime.request({
        method: 'GET',
        url: `${this.o.client.baseUrl}${fill(recipe.path).replace(/\{key\}/g, encodeURIComponent(key))}`,
        query,
        resource: this.o.resource,
        operation: 'search',
        signal,
      });
      const parsed = JSON.parse(res.body.toString('utf8')) as unknown;
      const found = recipe.recordSelector ? getPath(parsed, recipe.recordSelector) : parsed;
      const list = Array.isArray(found) ? found : found ? [found] : [];
      for (const r of list as Record<string, unknown>[]) {
        const t = this.flat(r);
        if (normalizeMatchKey(t.values[this.o.matchField], this.o.normalization) === key) return t;
      }
      return null;
    } catch (error) {
      if (AppError.is(error) && (error.code === 'not_found' || /\b404\b/.test(error.message))) return null;
      throw error;
    }
  }

  async create(values: Record<string, unknown>, options: CreateOptions): Promise<TargetRecord> {
    try {
      return this.flat(
        await this.o.client.create(this.o.resource, this.body(values, 'create'), {
          idempotencyKey: options.idempotencyKey,
          signal: options.signal,
        }),
      );
    } catch (error) {
      throw rejected(error, false);
    }
  }

  async update(id: string, patch: Record<string, unknown>, signal?: AbortSignal): Promise<TargetRecord> {
    try {
      const out = this.flat(await this.o.client.update(this.o.resource, id, this.body(patch, 'update'), { signal }));
      return out.id ? out : { id, values: out.values };
    } catch (error) {
      throw rejected(error, true);
    }
  }
}

/** The runtime's typed errors: a 4xx other than 429 is this record's problem; the rest stop the run. */
function rejected(error: unknown, isUpdate: boolean): unknown {
  if (!AppError.is(error)) return error;
  const status = Number((error.details?.status as number | undefined) ?? STATUS.exec(error.message)?.[1] ?? 0);
  if (error.code === 'not_found' || status === 404)
    return new RecordRejected(error.message, 404, 'not_found', isUpdate);
  if (
    (error.code === 'http_error' || error.code === 'validation_failed') &&
    status >= 400 &&
    status < 500 &&
    status !== 429
  )
    return new RecordRejected(error.message, status, error.code);
  return error;
}
