import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { ListenerSettings, RejectReason, WebhookEndpoint } from '../../../shared/models/webhooks';
import type { InsertResult, NewEvent } from './event-store';
import { readKey } from './json-path';
import { schemeFor } from './schemes';

export interface Rejection {
  reason: RejectReason;
  status: number;
  message: string;
  path: string;
  endpointId?: string;
  remoteAddress?: string;
}

export interface ListenerOptions {
  settings: ListenerSettings;
  /** Current endpoint for a request path (settings may change while the listener runs). */
  endpointFor(path: string): WebhookEndpoint | undefined;
  /** The endpoint's secret from the keychain; null when none is set. */
  getSecret(endpointId: string): Promise<string | null>;
  /** Durable write; resolves with the event's seq, or why it was not stored. */
  persist(event: NewEvent): Promise<InsertResult>;
  onAccepted?(seq: number, event: NewEvent): void;
  /** A valid request for an event already stored: answered 2xx, not processed again. */
  onDuplicate?(event: NewEvent): void;
  onRejected?(rejection: Rejection): void;
  now?: () => number;
}

class TooLarge extends Error {}

function send(res: ServerResponse, status: number, body: Record<string, unknown>, close = false): void {
  const text = JSON.stringify(body);
  const headers: Record<string, string | number> = {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  };
  if (close) headers.connection = 'close';
  res.writeHead(status, headers);
  res.end(text);
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.pause();
        reject(new TooLarge());
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks, size)));
    req.on('error', reject);
  });
}

/**
 * The incoming webhook listener. Order of checks: path → size → secret → signature → JSON →
 * timestamp/replay → durable write → 2xx. Each refusal answers and returns; nothing a request
 * does can stop the server (every handler error becomes a 500 for that request only).
 */
export class WebhookListener {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private readonly now: () => number;

  constructor(private readonly opts: ListenerOptions) {
    this.now = opts.now ?? Date.now;
  }

  get running(): boolean {
    return this.server !== null;
  }

  /** The bind address: loopback unless the user opted into LAN access. */
  static bindHost(settings: ListenerSettings): string {
    return settings.allowLan ? settings.host : '127.0.0.1';
  }

  async start(): Promise<{ host: string; port: number; url: string }> {
    if (this.server) return this.address()!;
    const server = createServer((req, res) => {
      this.handle(req, res).catch(() => {
        if (!res.headersSent)
          send(res, 500, { error: 'internal', message: 'the event could not be stored; retry later' });
        else res.destroy();
      });
    });
    server.requestTimeout = 30_000;
    server.headersTimeout = 15_000;
    server.on('connection', (s: Socket) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    server.on('clientError', (_err, socket) => socket.destroy());
    const host = WebhookListener.bindHost(this.opts.settings);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.opts.settings.port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    return this.address()!;
  }

  address(): { host: string; port: number; url: string } | null {
    const a = this.server?.address() as AddressInfo | null | undefined;
    if (!a) return null;
    const host = a.family === 'IPv6' ? `[${a.address}]` : a.address;
    return { host: a.address, port: a.port, url: `http://${host}:${a.port}` };
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    // Give in-flight requests a moment to finish their write, then cut the rest.
    const timer = setTimeout(() => this.sockets.forEach((s) => s.destroy()), 2000);
    await closed;
    clearTimeout(timer);
  }

  private reject(res: ServerResponse, r: Rejection, close = false): void {
    send(res, r.status, { error: r.reason, message: r.message }, close);
    try {
      this.opts.onRejected?.(r);
    } catch {
      // a broken hook must not take the listener down
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0]!;
    const remoteAddress = req.socket.remoteAddress;
    const endpoint = this.opts.endpointFor(path);
    if (!endpoint)
      return this.reject(res, {
        reason: 'unknown_path',
        status: 404,
        message: `no webhook endpoint at ${path}`,
        path,
        remoteAddress,
      });
    const base = { path, endpointId: endpoint.id, remoteAddress };
    if (!endpoint.enabled)
      return this.reject(res, {
        ...base,
        reason: 'disabled',
        status: 404,
        message: `endpoint ${endpoint.id} is disabled`,
      });
    if (req.method !== 'POST') {
      send(res, 405, { error: 'method_not_allowed', message: 'webhooks are POSTed' });
      return;
    }
    const limit = this.opts.settings.maxBodyBytes;
    const tooLarge = { ...base, reason: 'too_large' as const, status: 413, message: `body larger than ${limit} bytes` };
    if (Number(req.headers['content-length'] ?? 0) > limit) return this.reject(res, tooLarge, true);
    let raw: Buffer;
    try {
      raw = await readBody(req, limit);
    } catch (e) {
      if (e instanceof TooLarge) return this.reject(res, tooLarge, true);
      throw e;
    }

    const secret = await this.opts.getSecret(endpoint.id);
    if (!secret)
      return this.reject(res, {
        ...base,
        reason: 'no_secret',
        status: 503,
        message: `endpoint ${endpoint.id} has no secret set yet`,
      });
    const now = this.now();
    const verdict = schemeFor(endpoint.scheme).verify({
      headers: req.headers,
      rawBody: raw,
      secret,
      nowMs: now,
      toleranceSeconds: this.opts.settings.toleranceSeconds,
    });
    if (!verdict.ok)
      return this.reject(res, { ...base, reason: verdict.reason, status: 401, message: verdict.message });

    let body: unknown;
    const text = raw.toString('utf8');
    try {
      body = JSON.parse(text);
    } catch {
      return this.reject(res, { ...base, reason: 'not_json', status: 400, message: 'the body is not JSON' });
    }
    // Schemes without an id header: the body's own id, else the body's hash (an exact resend is a replay).
    const eventId =
      verdict.eventId ?? readKey(body, 'id') ?? `sha256:${createHash('sha256').update(raw).digest('hex')}`;
    const event: NewEvent = {
      endpointId: endpoint.id,
      eventId,
      source: req.headers['x-patchbay-test'] === '1' ? 'test' : 'webhook',
      receivedAt: now,
      entityKey: readKey(body, endpoint.entityIdPath),
      entityVersion: readKey(body, endpoint.entityVersionPath),
      body: text,
    };
    if (verdict.idSigned === false) event.bodySha256 = createHash('sha256').update(raw).digest('hex');
    const seq = await this.opts.persist(event);
    // Already stored (a sender retry whose first 2xx was lost, or a catch-up poll that brought this
    // version in): 2xx, because Svix, Stripe and Shopify retry any other status for days. The event
    // is not processed twice; the stored row counts the duplicate.
    if (seq === 'same_version' || seq === 'duplicate') {
      send(res, 200, { received: true, duplicate: true });
      this.opts.onDuplicate?.(event);
      return;
    }
    send(res, 200, { received: true, seq });
    this.opts.onAccepted?.(seq, event);
  }
}
