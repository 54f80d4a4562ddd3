import type { IncomingHttpHeaders } from 'node:http';

export interface SandboxRequest {
  method: string;
  url: URL;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Raw body bytes (webhook-style signing and idempotency hashing need the exact bytes). */
  body: Buffer;
  params: Record<string, string>;
}

export interface SandboxReply {
  status: number;
  headers?: Record<string, string>;
  /** Serialised as JSON unless `raw` is given. */
  body?: unknown;
  raw?: string | Buffer;
  contentType?: string;
}

export type Handler = (req: SandboxRequest) => SandboxReply | Promise<SandboxReply>;

export interface Route {
  method: string;
  pattern: RegExp;
  keys: string[];
  handler: Handler;
}

/** `/v1/customers/:id` → a route; params are URI-decoded. */
export function route(method: string, path: string, handler: Handler): Route {
  const keys: string[] = [];
  const src = path
    .split('/')
    .map((seg) => {
      if (seg.startsWith(':')) {
        const m = /^:(\w+)(.*)$/.exec(seg)!;
        keys.push(m[1]!);
        return `([^/]+?)${m[2]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`;
      }
      return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { method, pattern: new RegExp(`^${src}/?$`), keys, handler };
}

export function match(
  routes: Route[],
  method: string,
  path: string,
): { route: Route; params: Record<string, string> } | 'method' | null {
  let pathMatched = false;
  for (const r of routes) {
    const m = r.pattern.exec(path);
    if (!m) continue;
    pathMatched = true;
    if (r.method !== method) continue;
    const params: Record<string, string> = {};
    r.keys.forEach((k, i) => (params[k] = decodeURIComponent(m[i + 1]!)));
    return { route: r, params };
  }
  return pathMatched ? 'method' : null;
}

export function json(status: number, body: unknown, headers?: Record<string, string>): SandboxReply {
  return { status, body, headers };
}

export function header(req: SandboxRequest, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

export function parseJsonBody(req: SandboxRequest): unknown {
  if (!req.body.length) return undefined;
  return JSON.parse(req.body.toString('utf8'));
}
