import { randomUUID } from 'node:crypto';
import { formEncode } from '../../connectors/encode';
import { flatten, nest, type SchemaLike } from '../field-paths';
import { RecordRejected, type CreateOptions, type TargetRecord, type TargetWriter } from '../ports';
import { HttpStatusError, SmallHttp, UncertainWriteError, type HttpClientOptions } from './http';

/**
 * Writes Stripe-shaped customers straight to the sandbox billing server (tests, benches, crash
 * test). With `useIdempotencyKey: false` it behaves like a target without idempotency keys: a
 * create whose answer was lost is resolved by looking the record up by match key before retrying.
 */
export interface BillingTargetOptions extends Partial<HttpClientOptions> {
  baseUrl: string;
  secretKey: string;
  schema: SchemaLike;
  /** Target field the match key is compared with (Stripe search field). */
  matchField?: string;
  useIdempotencyKey?: boolean;
}

export class BillingDirectTarget implements TargetWriter {
  readonly http: SmallHttp;
  readonly supportsIdempotencyKey: boolean;
  readonly maxBatch = 1;

  constructor(private readonly o: BillingTargetOptions) {
    this.http = new SmallHttp({
      ...o,
      headers: { authorization: `Bearer ${o.secretKey}`, 'content-type': 'application/x-www-form-urlencoded' },
    });
    this.supportsIdempotencyKey = o.useIdempotencyKey ?? true;
  }

  private toRecord(body: unknown): TargetRecord {
    const c = body as Record<string, unknown>;
    return { id: String(c.id), values: flatten(c, this.o.schema) };
  }

  async findByMatchKey(key: string, signal?: AbortSignal): Promise<TargetRecord | null> {
    const field = this.o.matchField ?? 'email';
    const q = new URLSearchParams({ query: `${field}:'${key.replace(/['\\]/g, '\\$&')}'`, limit: '1' });
    const res = await this.http.request('GET', `/v1/customers/search?${q}`, { retryUncertain: true, signal });
    const hit = (res.body as { data: unknown[] }).data[0];
    return hit ? this.toRecord(hit) : null;
  }

  async create(values: Record<string, unknown>, options: CreateOptions): Promise<TargetRecord> {
    const body = formEncode(nest(values, this.o.schema));
    if (this.supportsIdempotencyKey) {
      return this.write('POST', '/v1/customers', body, options.idempotencyKey, options.signal);
    }
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.write('POST', '/v1/customers', body, undefined, options.signal);
      } catch (error) {
        if (!(error instanceof UncertainWriteError) || attempt >= 5) throw error;
        // The create may have happened: look before creating again.
        const found = options.matchKey ? await this.findByMatchKey(options.matchKey, options.signal) : null;
        if (found) return found;
      }
    }
  }

  update(id: string, patch: Record<string, unknown>, signal?: AbortSignal): Promise<TargetRecord> {
    // Updates are naturally idempotent (same values twice = same result); the key only lets the HTTP retry replay.
    return this.write(
      'POST',
      `/v1/customers/${encodeURIComponent(id)}`,
      formEncode(nest(patch, this.o.schema)),
      randomUUID(),
      signal,
      true,
    );
  }

  private async write(
    method: string,
    path: string,
    body: string,
    key: string | undefined,
    signal?: AbortSignal,
    isUpdate = false,
  ): Promise<TargetRecord> {
    try {
      const res = await this.http.request(method, path, {
        body,
        headers: key ? { 'idempotency-key': key } : {},
        retryUncertain: key !== undefined,
        signal,
      });
      return this.toRecord(res.body);
    } catch (error) {
      if (error instanceof HttpStatusError) {
        const e = (error.body as { error?: { message?: string; code?: string; type?: string } } | null)?.error;
        const message = e?.message ?? `The billing API refused the record (HTTP ${error.status}).`;
        throw new RecordRejected(
          message,
          error.status,
          e?.code ?? e?.type ?? 'http_error',
          isUpdate && error.status === 404,
        );
      }
      throw error;
    }
  }
}
