import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { FaultInjector, NO_FAULTS, parseFaults, formatFaults, type FaultSpec } from './faults';
import type { RateLimiter } from './rate-limit';
import { RequestLog, preciseNow } from './request-log';
import { json, match, route, type Route, type SandboxReply, type SandboxRequest } from './router';

export type RefusalKind =
  'rate_limited' | 'server_error' | 'unavailable' | 'not_found' | 'method_not_allowed' | 'bad_request';
export type DownMode = '503' | 'fault' | 'reset';

export interface BaseOptions {
  seed: number;
  faults?: FaultSpec;
  rateLimits?: boolean;
  /** Largest accepted request body; batch endpoints need a few MB at most. */
  maxBodyBytes?: number;
}

const MAX_BODY = 20 * 1024 * 1024;

/**
 * The request pipeline every sandbox server shares: control API → down window → fault roll →
 * auth → rate limit → handler → post-processing faults, with one log entry per request.
 * Auth runs before the limiter so unauthenticated calls never use quota (as the real APIs do).
 */
export abstract class SandboxServer {
  abstract readonly name: string;
  readonly log = new RequestLog();
  readonly faults: FaultInjector;
  abstract readonly limiter: RateLimiter | null;
  seed: number;
  rateLimited = 0;
  private server: Server | null = null;
  private sockets = new Set<Socket>();
  private holds = new Set<NodeJS.Timeout>();
  private downUntil = 0;
  private downMode: DownMode = '503';
  private routes: Route[] | null = null;
  private statusCounts = new Map<number, number>();
  private readonly maxBody: number;
  protected readonly initialRateLimits: boolean;

  constructor(opts: BaseOptions) {
    this.seed = opts.seed;
    this.faults = new FaultInjector(opts.faults ?? NO_FAULTS, opts.seed ^ 0x5eed);
    this.maxBody = opts.maxBodyBytes ?? MAX_BODY;
    this.initialRateLimits = opts.rateLimits ?? true;
  }

  protected abstract apiRoutes(): Route[];
  /** null = authorised; otherwise the API's own 401 answer. */
  protected abstract authenticate(req: SandboxRequest): SandboxReply | null;
  /** The API's own error shape for refusals the pipeline produces. */
  protected abstract refusal(kind: RefusalKind, message: string, retryAfterS?: number): SandboxReply;
  /** Store counts and other facts a test may assert on. */
  abstract storeStats(): Record<string, unknown>;
  /** Drop all writes; optionally change seed / sizes. */
  abstract resetStore(opts: { seed?: number; sizes?: Record<string, number> }): void;
  /** Server-specific control routes (under /__sandbox). */
  protected controlRoutes(): Route[] {
    return [];
  }
  /** Requests exempt from faults and limits (e.g. fetching the WSDL). */
  protected exempt(_req: SandboxRequest): boolean {
    return false;
  }
  /** Headers added to every API answer (version echo, request id...). */
  protected decorate(_req: SandboxRequest, _reply: SandboxReply): void {}
  /** The value logged as `key` (Idempotency-Key, SOAP operation...). */
  protected logKey(_req: SandboxRequest): string | undefined {
    return undefined;
  }
  /** Content type used when a reply has a `body` (JSON) and none is given. */
  protected malformedTail = '{"truncated":';

  get url(): string {
    const a = this.server?.address() as AddressInfo | null;
    if (!a) throw new Error(`Sandbox ${this.name} is not listening; call start() first.`);
    return `http://127.0.0.1:${a.port}`;
  }

  async start(port = 0, host = '127.0.0.1'): Promise<string> {
    if (this.limiter) this.limiter.enabled = this.initialRateLimits;
    this.server = createServer((req, res) => void this.onRequest(req, res));
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    // Many SDKs keep connections alive; the default 5s keep-alive is fine, but a SIGKILLed
    // client must not leave us with half-open sockets forever.
    this.server.keepAliveTimeout = 5_000;
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, host, () => resolve());
    });
    return this.url;
  }

  async stop(): Promise<void> {
    for (const t of this.holds) clearTimeout(t);
    this.holds.clear();
    for (const s of this.sockets) s.destroy();
    const srv = this.server;
    this.server = null;
    if (srv) await new Promise<void>((resolve) => srv.close(() => resolve()));
  }

  /** Answer every API request with an outage for `seconds` (0 = back up now). */
  setDown(seconds: number, mode: DownMode = '503'): void {
    this.downUntil = seconds > 0 ? Date.now() + seconds * 1000 : 0;
    this.downMode = mode;
  }

  get isDown(): boolean {
    return Date.now() < this.downUntil;
  }

  setFaults(spec: FaultSpec | string | null, enabled = true): void {
    this.faults.configure(typeof spec === 'string' || spec === null ? parseFaults(spec) : spec, this.seed ^ 0x5eed);
    this.faults.enabled = enabled;
  }

  stats(): Record<string, unknown> {
    return {
      name: this.name,
      url: this.server ? this.url : null,
      requests: this.log.all().length ? this.log.all()[this.log.all().length - 1]!.seq : 0,
      byStatus: Object.fromEntries(this.statusCounts),
      rateLimited: this.rateLimited,
      faults: {
        spec: formatFaults(this.faults.spec),
        enabled: this.faults.enabled,
        injected: { ...this.faults.injected },
      },
      limits: this.limiter?.describe() ?? null,
      down: this.isDown ? { untilMs: this.downUntil, mode: this.downMode } : null,
      store: this.storeStats(),
    };
  }

  /** Full reset: store, log, counters, limiter, outage. Faults spec is kept unless given. */
  reset(opts: { seed?: number; sizes?: Record<string, number> } = {}): void {
    if (opts.seed !== undefined) this.seed = opts.seed;
    this.resetStore(opts);
    this.log.clear();
    this.statusCounts.clear();
    this.rateLimited = 0;
    this.faults.resetCounters();
    this.faults.configure(this.faults.spec, this.seed ^ 0x5eed);
    this.limiter?.reset();
    this.downUntil = 0;
  }

  private commonControl(): Route[] {
    return [
      route('GET', '/__sandbox/stats', () => json(200, this.stats())),
      route('GET', '/__sandbox/log', (r) =>
        json(200, {
          entries: this.log.since(Number(r.query.get('since') ?? 0), Number(r.query.get('limit') ?? 10_000)),
        }),
      ),
      route('POST', '/__sandbox/reset', (r) => {
        const b = parseBody(r);
        this.reset({ seed: num(b.seed), sizes: b.sizes as Record<string, number> | undefined });
        return json(200, this.stats());
      }),
      route('POST', '/__sandbox/faults', (r) => {
        const b = parseBody(r);
        const spec = typeof b.spec === 'string' ? parseFaults(b.spec) : this.faults.spec;
        this.setFaults(spec, b.enabled === undefined ? true : Boolean(b.enabled));
        return json(200, { spec: formatFaults(this.faults.spec), enabled: this.faults.enabled });
      }),
      route('POST', '/__sandbox/down', (r) => {
        const b = parseBody(r);
        this.setDown(num(b.seconds) ?? 0, (b.mode as DownMode) ?? '503');
        return json(200, { down: this.isDown, untilMs: this.downUntil, mode: this.downMode });
      }),
      route('POST', '/__sandbox/limits', (r) => {
        const b = parseBody(r);
        if (!this.limiter) return json(200, { limits: null });
        if (b.enabled !== undefined) this.limiter.enabled = Boolean(b.enabled);
        if (b.reset) this.limiter.reset();
        return json(200, { limits: this.limiter.describe() });
      }),
    ];
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const t = preciseNow();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    let body: Buffer;
    try {
      body = await readBody(req, this.maxBody);
    } catch {
      this.send(
        res,
        { status: 413, body: { message: 'Request body too large' } },
        t,
        method,
        url.pathname,
        'too_large',
      );
      return;
    }
    const sreq: SandboxRequest = {
      method,
      url,
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
      params: {},
    };

    if (url.pathname.startsWith('/__sandbox/')) {
      const m = match([...this.commonControl(), ...this.controlRoutes()], method, url.pathname);
      if (!m || m === 'method')
        return void this.send(res, json(404, { message: `No control route ${method} ${url.pathname}` }), t);
      try {
        sreq.params = m.params;
        this.send(res, await m.route.handler(sreq), t);
      } catch (e) {
        this.send(res, json(400, { message: (e as Error).message }), t);
      }
      return;
    }

    const exempt = this.exempt(sreq);
    const key = this.logKey(sreq);
    const entry = { t, method, path: url.pathname + (url.search ? url.search : ''), key };

    if (!exempt && this.isDown) {
      if (this.downMode === 'reset') return this.destroy(res, entry, 'down');
      const retry = Math.max(1, Math.ceil((this.downUntil - Date.now()) / 1000));
      // mode 'fault': an application-level failure (HTTP 500 / SOAP Server fault) instead of a 503.
      const reply =
        this.downMode === 'fault'
          ? this.refusal('server_error', 'Service failure (sandbox outage).')
          : this.refusal('unavailable', 'Service temporarily unavailable (sandbox outage).', retry);
      reply.headers = { ...reply.headers, 'Retry-After': String(retry) };
      return void this.send(res, reply, t, entry.method, entry.path, 'down', key);
    }

    const roll = exempt ? { kind: null, latencyMs: 0, status5xx: 500 } : this.faults.roll();
    if (roll.latencyMs > 0) await sleep(roll.latencyMs);
    switch (roll.kind) {
      case 'reset':
        return this.destroy(res, entry, 'fault:reset');
      case 'timeout': {
        this.log.add({ ...entry, status: 0, ms: 0, outcome: 'fault:timeout' });
        const h = setTimeout(() => {
          this.holds.delete(h);
          res.socket?.destroy();
        }, this.faults.spec.timeoutMs);
        this.holds.add(h);
        return;
      }
      case '5xx': {
        const reply = this.refusal('server_error', 'An internal error occurred (injected fault).');
        reply.status = roll.status5xx;
        return void this.send(res, reply, t, entry.method, entry.path, 'fault:5xx', key);
      }
      case '429': {
        const reply = this.refusal('rate_limited', 'Too many requests (injected fault).', 1);
        reply.headers = { ...reply.headers, 'Retry-After': '1' };
        this.rateLimited++;
        return void this.send(res, reply, t, entry.method, entry.path, 'fault:429', key, 1);
      }
      default:
        break;
    }

    const m = match(this.apiRoutes(), method, url.pathname);
    if (!m)
      return void this.send(
        res,
        this.refusal('not_found', `Unknown path ${url.pathname}`),
        t,
        entry.method,
        entry.path,
        undefined,
        key,
      );
    if (m === 'method')
      return void this.send(
        res,
        this.refusal('method_not_allowed', `${method} is not allowed on ${url.pathname}`),
        t,
        entry.method,
        entry.path,
        undefined,
        key,
      );
    sreq.params = m.params;

    const denied = exempt ? null : this.authenticate(sreq);
    if (denied) return void this.send(res, denied, t, entry.method, entry.path, 'unauthorized', key);

    let limitHeaders: Record<string, string> = {};
    if (this.limiter && !exempt) {
      const d = this.limiter.take(Date.now());
      limitHeaders = d.headers;
      if (!d.ok) {
        this.rateLimited++;
        const reply = this.refusal('rate_limited', 'You have reached your rate limit.', d.retryAfterS);
        reply.headers = { ...reply.headers, ...limitHeaders, 'Retry-After': String(d.retryAfterS) };
        return void this.send(res, reply, t, entry.method, entry.path, 'rate_limited', key, d.retryAfterS);
      }
    }

    let reply: SandboxReply;
    try {
      reply = await m.route.handler(sreq);
    } catch (e) {
      const err = e as Error & { reply?: SandboxReply };
      reply = err.reply ?? this.refusal(e instanceof SyntaxError ? 'bad_request' : 'server_error', err.message);
    }
    reply.headers = { ...limitHeaders, ...reply.headers };
    this.decorate(sreq, reply);
    if (roll.kind === 'lost') return this.destroy(res, { ...entry }, 'fault:lost', reply.status);
    this.send(
      res,
      reply,
      t,
      entry.method,
      entry.path,
      roll.kind === 'malformed' ? 'fault:malformed' : undefined,
      key,
      undefined,
      roll.kind === 'malformed',
    );
  }

  private destroy(
    res: ServerResponse,
    entry: { t: number; method: string; path: string; key?: string },
    outcome: string,
    status = 0,
  ): void {
    this.log.add({ ...entry, status, ms: preciseNow() - entry.t, outcome });
    res.socket?.destroy();
  }

  private send(
    res: ServerResponse,
    reply: SandboxReply,
    t: number,
    method?: string,
    path?: string,
    outcome?: string,
    key?: string,
    retryAfterS?: number,
    truncate = false,
  ): void {
    let payload: string | Buffer = reply.raw ?? (reply.body === undefined ? '' : JSON.stringify(reply.body));
    const type =
      reply.contentType ?? (reply.raw !== undefined ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8');
    if (truncate) payload = truncatePayload(payload, this.malformedTail);
    const headers: Record<string, string | number> = {
      ...reply.headers,
      'Content-Type': type,
      'Content-Length': Buffer.byteLength(payload),
    };
    if (reply.status === 204) {
      delete headers['Content-Type'];
      headers['Content-Length'] = 0;
      payload = '';
    }
    if (method) {
      this.statusCounts.set(reply.status, (this.statusCounts.get(reply.status) ?? 0) + 1);
      this.log.add({ t, method, path: path!, status: reply.status, ms: preciseNow() - t, outcome, key, retryAfterS });
    }
    res.writeHead(reply.status, headers);
    res.end(payload);
  }
}

function truncatePayload(p: string | Buffer, tail: string): string {
  const s = typeof p === 'string' ? p : p.toString('utf8');
  return s.slice(0, Math.max(1, Math.floor(s.length / 2))) + tail;
}

function readBody(req: IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) {
        reject(new Error('too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function parseBody(r: SandboxRequest): Record<string, unknown> {
  if (!r.body.length) return {};
  return JSON.parse(r.body.toString('utf8')) as Record<string, unknown>;
}

function num(v: unknown): number | undefined {
  return v === undefined || v === null || v === '' ? undefined : Number(v);
}

/** Throw from a handler to answer with the API's own error reply. */
export class ReplyError extends Error {
  constructor(public reply: SandboxReply) {
    super(`HTTP ${reply.status}`);
  }
}
