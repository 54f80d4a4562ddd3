import { AppError } from '../../../../shared/errors';
import { normalizeMatchKey, recordToWire } from '../../../../shared/mapping';
import type { MatchKeyNormalization } from '../../../../shared/models/mapping';
import { flattenRecord } from '../../access/match-lookup';
import type { ConnectorClient } from '../../connectors/client';
import { decodeJson } from '../../connectors/http/decode';
import { getPath } from '../../connectors/paths';
import { flatten, nest, type SchemaLike } from '../field-paths';
import { MemoryMatchIndex, type MatchIndex } from '../match-index';
import { RecordRejected, type CreateOptions, type RunBinding, type TargetRecord, type TargetWriter } from '../ports';

/**
 * How to find one target record by its match field. Connector definitions declare no search
 * operation yet, so a sync names one: a GET with `{key}` in the path or query (Stripe
 * `/v1/customers/search?query=email:'{key}'`, HubSpot `/crm/v3/objects/contacts/{key}?idProperty=email`).
 * Without a recipe the adapter lists the target once per run into a match index (state.db) and
 * answers every lookup from it: requests grow with the target's pages, not source × target.
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
/** Creates tried (with a lookup between tries) when the target takes no idempotency key. */
const MAX_CREATE_ATTEMPTS = 5;
/** Failures after which a write may or may not have been applied: the answer was lost, cut or garbled. */
const UNCERTAIN_CODES = new Set(['network', 'timeout', 'bad_response']);

export class ConnectorTarget implements TargetWriter {
  readonly supportsIdempotencyKey: boolean;
  readonly maxBatch = 1;
  private index: MatchIndex = new MemoryMatchIndex();
  private indexReady: Promise<void> | null = null;
  /** Target records listed into the index this run. */
  indexed = 0;

  constructor(private readonly o: ConnectorTargetOptions) {
    this.supportsIdempotencyKey = Boolean(o.client.resource(o.resource).operations.create?.idempotencyKeyHeader);
  }

  /** A run starts (or resumes): lookups go to its index, rebuilt from the target on first use. */
  startRun(run: RunBinding): void {
    this.index = run.matchIndex;
    this.indexReady = null;
  }

  /**
   * A record of the API in the mapping's flat names: the resource's own fields plus the mapping's
   * (`metadata_crm_id` from `metadata.crm_id`), so a lookup compares what the mapping writes, field by field.
   */
  private flat(record: Record<string, unknown>): TargetRecord {
    const res = this.o.client.resource(this.o.resource);
    const values = { ...flattenRecord(record, res), ...flatten(record, this.o.schema) };
    return { id: String(values[res.primaryKey] ?? record[res.primaryKey] ?? ''), values };
  }

  /** One pass over the target per run: list it (every page once) into the index, keyed by normalized match key. */
  private buildIndex(signal?: AbortSignal): Promise<void> {
    this.indexReady ??= (async () => {
      const res = this.o.client.resource(this.o.resource);
      const known = (f: { name: string }) => f.name === this.o.matchField;
      if (!res.fields.some(known) && !this.o.schema.some(known))
        throw new AppError(
          'mapping_error',
          `The match key compares with "${this.o.matchField}", which ${this.o.client.definition.name} ${res.name} has no field named; pick another target field.`,
          { field: this.o.matchField },
        );
      this.index.clear();
      this.indexed = 0;
      for await (const page of this.o.client.listPages(this.o.resource, { signal })) {
        const rows: { key: string; record: TargetRecord }[] = [];
        for (const r of page) {
          const t = this.flat(r);
          const key = normalizeMatchKey(t.values[this.o.matchField], this.o.normalization);
          if (key !== null) rows.push({ key, record: t });
        }
        this.index.add(rows);
        this.indexed += page.length;
      }
    })().catch((error: unknown) => {
      // A failed pass is tried again by the next lookup (the run may be resumed after a network cut).
      this.indexReady = null;
      throw error;
    });
    return this.indexReady;
  }

  /** Nested by the schema paths, minus the operation's own wrapper (HubSpot `properties`), which the client adds. */
  private body(values: Record<string, unknown>, op: 'create' | 'update'): Record<string, unknown> {
    // Typed values go out as the API's text where it wants text (HubSpot properties).
    const fields = this.o.client.resource(this.o.resource).fields;
    const nested = nest(recordToWire(values, fields), this.o.schema);
    const key = this.o.client.resource(this.o.resource).operations[op]?.body?.recordKey;
    if (key && nested[key] && typeof nested[key] === 'object') {
      const { [key]: inner, ...rest } = nested;
      return { ...(inner as Record<string, unknown>), ...rest };
    }
    return nested;
  }

  /** The first record whose match field equals the key, naming the others that do too. */
  private matchOf(found: readonly Record<string, unknown>[], key: string): TargetRecord | null {
    const same = found
      .map((r) => this.flat(r))
      .filter((t) => normalizeMatchKey(t.values[this.o.matchField], this.o.normalization) === key);
    const [first, ...others] = same;
    if (!first) return null;
    const twins = others.map((t) => t.id).filter((id) => id !== first.id);
    return twins.length ? { ...first, alsoMatched: twins } : first;
  }

  async findByMatchKey(key: string, signal?: AbortSignal): Promise<TargetRecord | null> {
    // The definition's own lookup (HubSpot `GET …/{value}?idProperty=email`, value URL-encoded;
    // Stripe Search): what the vendor documents, checked by the contract tests.
    if (this.o.client.canFindBy(this.o.resource, this.o.matchField)) {
      const hits = await this.o.client.findAllBy(this.o.resource, this.o.matchField, key, {
        signal,
        matches: (v) => normalizeMatchKey(v, this.o.normalization) === key,
      });
      return this.matchOf(hits, key);
    }
    const recipe = this.o.search;
    if (!recipe) {
      await this.buildIndex(signal);
      return this.index.get(key);
    }
    const fill = (s: string) => s.replace(/\{key\}/g, key.replace(/['\\]/g, '\\$&'));
    const query = Object.fromEntries(Object.entries(recipe.query ?? {}).map(([k, v]) => [k, fill(v)]));
    const path = fill(recipe.path).replace(/\{key\}/g, encodeURIComponent(key));
    const ctx = {
      connectorId: this.o.client.definition.id,
      connectorName: this.o.client.definition.name,
      resource: this.o.resource,
      operation: 'search',
      method: 'GET',
      target: recipe.path,
    };
    try {
      const res = await this.o.client.runtime.request({
        method: 'GET',
        url: `${this.o.client.baseUrl}${path}`,
        query,
        resource: this.o.resource,
        operation: 'search',
        signal,
        // A truncated answer is a typed, retried `bad_response`, never a bare SyntaxError.
        decode: (r) => decodeJson(r.body, r.headers['content-type'] ?? '', r.status, ctx),
      });
      const parsed = res.data;
      const found = recipe.recordSelector ? getPath(parsed, recipe.recordSelector) : parsed;
      const list = Array.isArray(found) ? found : found ? [found] : [];
      return this.matchOf(list as Record<string, unknown>[], key);
    } catch (error) {
      if (AppError.is(error) && (error.code === 'not_found' || /\b404\b/.test(error.message))) return null;
      throw error;
    }
  }

  async create(values: Record<string, unknown>, options: CreateOptions): Promise<TargetRecord> {
    const body = this.body(values, 'create');
    for (let attempt = 1; ; attempt++) {
      try {
        return this.flat(
          await this.o.client.create(this.o.resource, body, {
            idempotencyKey: options.idempotencyKey,
            signal: options.signal,
          }),
        );
      } catch (error) {
        // Without an idempotency key the runtime cannot replay a create whose answer was lost (it may
        // have been applied): look the record up by match key before creating it again.
        if (this.supportsIdempotencyKey || !options.matchKey || !uncertain(error) || attempt >= MAX_CREATE_ATTEMPTS)
          throw rejected(error, false);
        const found = await this.findByMatchKey(options.matchKey, options.signal);
        if (found) return found;
      }
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

function uncertain(error: unknown): boolean {
  return AppError.is(error) && UNCERTAIN_CODES.has(error.code);
}
