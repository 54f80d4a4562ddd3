import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Exchange } from './contract';

const flat = (h: IncomingMessage['headers']): Record<string, string> =>
  Object.fromEntries(
    Object.entries(h)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v)]),
  );

async function readAll(s: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of s) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/**
 * A pass-through HTTP proxy on 127.0.0.1 between a connector client and a sandbox server: every
 * exchange is forwarded unchanged and kept byte for byte, so the contract check sees exactly what
 * went over the wire in both directions.
 */
export class RecordingProxy {
  readonly exchanges: Exchange[] = [];
  private server: Server | null = null;

  constructor(private readonly target: string) {}

  async start(): Promise<string> {
    const target = new URL(this.target);
    this.server = createServer((req, res) => {
      void (async () => {
        const body = await readAll(req);
        const upstream = httpRequest(
          {
            host: target.hostname,
            port: target.port,
            method: req.method,
            path: req.url,
            headers: { ...req.headers, host: target.host },
          },
          (up) => {
            void readAll(up).then((answer) => {
              this.exchanges.push({
                method: req.method ?? 'GET',
                url: req.url ?? '/',
                requestHeaders: flat(req.headers),
                requestBody: body.toString('utf8'),
                status: up.statusCode ?? 0,
                responseHeaders: flat(up.headers),
                responseBody: answer.toString('utf8'),
              });
              res.writeHead(up.statusCode ?? 502, up.headers);
              res.end(answer);
            });
          },
        );
        upstream.on('error', (e) => {
          res.writeHead(502);
          res.end(String(e));
        });
        upstream.end(body);
      })();
    });
    await new Promise<void>((ok) => this.server!.listen(0, '127.0.0.1', ok));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Exchanges recorded since `from` (an index into `exchanges`). */
  since(from: number): Exchange[] {
    return this.exchanges.slice(from);
  }

  async stop(): Promise<void> {
    await new Promise<void>((ok) => (this.server ? this.server.close(() => ok()) : ok()));
  }
}
