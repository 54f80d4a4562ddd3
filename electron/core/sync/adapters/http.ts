import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../../../../shared/errors';

/**
 * A deliberately small HTTP client for the direct sandbox adapters (tests, benches): retries 429
 * after Retry-After, 5xx and transport failures with backoff, an optional client-side rate limit,
 * and counters a bench can read. The product path goes through the connector runtime instead.
 */
export interface HttpStats {
  requests: number;
  status429: number;
  retries: number;
}

export interface HttpClientOptions {
  baseUrl: string;
  headers: Record<string, string>;
  timeoutMs?: number;
  maxAttempts?: number;
  /** Client-side pacing, requests per second (null = as fast as answers come). */
  requestsPerSecond?: number | null;
}

export interface HttpAnswer {
  status: number;
  body: unknown;
  headers: IncomingHttpHeaders;
}

/** node:http with keep-alive: several times cheaper per request than fetch, which matters at 100k records. */
function send(
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: string | undefined,
  agent: Agent,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<{ status: number; headers: IncomingHttpHeaders; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      {
        method,
        headers: body === undefined ? headers : { ...headers, 'content-length': Buffer.byteLength(body) },
        agent,
        signal,
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
        res.on('aborted', () => reject(new Error('answer aborted')));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** Raised for an answer the caller must judge (4xx other than 429). */
export class HttpStatusError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    message: string,
  ) {
    super(message);
  }
}

/** Transport failure after which the write may or may not have happened (lost answer, reset, timeout). */
export class UncertainWriteError extends Error {}

export class SmallHttp {
  readonly stats: HttpStats = { requests: 0, status429: 0, retries: 0 };
  private nextSlot = 0;
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 64 });

  constructor(private readonly o: HttpClientOptions) {}

  private async pace(): Promise<void> {
    const rps = this.o.requestsPerSecond;
    if (!rps) return;
    const now = performance.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + 1000 / rps;
    if (slot > now) await sleep(slot - now);
  }

  /**
   * `retryUncertain`: the request may be sent again after a transport failure (reads, writes
   * carrying an idempotency key). Otherwise an UncertainWriteError is thrown for the caller to resolve.
   */
  async request(
    method: string,
    path: string,
    init: { body?: string; headers?: Record<string, string>; retryUncertain: boolean; signal?: AbortSignal },
  ): Promise<HttpAnswer> {
    const attempts = this.o.maxAttempts ?? 8;
    let lastError: unknown;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      await this.pace();
      this.stats.requests++;
      let res: { status: number; headers: IncomingHttpHeaders; text: string };
      try {
        res = await send(
          new URL(this.o.baseUrl + path),
          method,
          { ...this.o.headers, ...init.headers },
          init.body,
          this.agent,
          this.o.timeoutMs ?? 10_000,
          init.signal,
        );
      } catch (error) {
        if (init.signal?.aborted) throw error;
        lastError = error;
        if (!init.retryUncertain) throw new UncertainWriteError(`${method} ${path}: ${(error as Error).message}`);
        await this.backoff(attempt);
        continue;
      }
      if (res.status === 429) {
        this.stats.status429++;
        const after = Number(res.headers['retry-after'] ?? '1');
        await sleep(Math.max(0.05, Number.isFinite(after) ? after : 1) * 1000);
        this.stats.retries++;
        continue;
      }
      if (res.status >= 500) {
        lastError = new AppError('server_error', `${method} ${path} answered ${res.status}.`);
        await this.backoff(attempt);
        continue;
      }
      let body: unknown = null;
      if (res.text) {
        try {
          body = JSON.parse(res.text);
        } catch {
          // A truncated answer: the server may have applied the request.
          lastError = new AppError('bad_response', `${method} ${path}: the answer was not valid JSON.`);
          if (!init.retryUncertain) throw new UncertainWriteError(`${method} ${path}: truncated answer`);
          await this.backoff(attempt);
          continue;
        }
      }
      if (res.status >= 400) throw new HttpStatusError(res.status, body, `${method} ${path} answered ${res.status}`);
      return { status: res.status, body, headers: res.headers };
    }
    throw AppError.is(lastError)
      ? lastError
      : new AppError(
          'network',
          `${method} ${path} failed after ${attempts} attempts: ${(lastError as Error)?.message ?? lastError}`,
        );
  }

  close(): void {
    this.agent.destroy();
  }

  private async backoff(attempt: number): Promise<void> {
    this.stats.retries++;
    await sleep(Math.min(2000, 25 * 2 ** attempt) * (0.5 + Math.random() / 2));
  }
}
