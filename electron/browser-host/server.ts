import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { AppError, type ErrorCode } from '../../shared/app-error';
import type { AppLog } from '../core/app-log';
import { dispatch, type HandlerTable } from '../core/ipc/dispatch';
import { FILE_WRITING_CHANNELS, type FileGrants } from '../core/ipc/file-grants';
import { realTimers, type Timers } from '../core/schedule/timers';
import type { DownloadShelf } from './downloads';
import {
  checkRequestSource,
  cookieName,
  newLaunchToken,
  readCookie,
  securityHeaders,
  sessionCookie,
  tokensEqual,
} from './security';

/**
 * Browser mode's server: the built renderer and the preload's contract over HTTP on 127.0.0.1, for
 * machines without the Electron binary. Calls go `POST /api/call` → the same dispatch() as the IPC
 * router (zod validation, file grants, typed errors); core events stream to each tab over
 * Server-Sent Events (`GET /api/events`), which also tells us how many tabs are open.
 */
export interface BrowserHostOptions {
  handlers: HandlerTable;
  events: { onAny(listener: (event: string, payload: unknown) => void): () => void };
  fileGrants: FileGrants;
  downloads: DownloadShelf;
  /** The built renderer (out/renderer) and the page-side bridge script. */
  rendererDir: string;
  bridgeFile: string;
  /** 0 picks a free port. */
  port?: number;
  token?: string;
  /** Development: handlers' outputs are checked against the contract. */
  dev?: boolean;
  log?: AppLog;
  /** How long after the last tab closed the host reports idle (a reload reconnects well within it). */
  idleGraceMs?: number;
  onIdle?: () => void;
  /** The grace period's clock (tests: tests/helpers/fake-timers.ts). */
  timers?: Timers;
  /** Largest call body accepted; larger ones are refused with a typed error before parsing. */
  maxBodyBytes?: number;
  /** Sees every call that reached dispatch (tests record what crossed the transport). */
  observe?: (call: { channel: string; payload: unknown; result: unknown }) => void;
}

export interface BrowserHost {
  port: number;
  origin: string;
  /** The address to open: it carries the launch token once, the page then holds it as a cookie. */
  openUrl: string;
  tabs(): number;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.map': 'application/json',
};

export async function startBrowserHost(o: BrowserHostOptions): Promise<BrowserHost> {
  const token = o.token ?? newLaunchToken();
  const timers = o.timers ?? realTimers;
  const maxBody = o.maxBodyBytes ?? 16 * 1024 * 1024;
  const indexHtml = injectBridge(readFileSync(join(o.rendererDir, 'index.html'), 'utf8'));
  const streams = new Set<ServerResponse>();
  let idleTimer: unknown;
  let port = 0;

  const refuse = (res: ServerResponse, status: number, code: ErrorCode, message: string, req?: IncomingMessage) => {
    o.log?.event(
      'warn',
      'browser_request_refused',
      `${req?.method ?? ''} ${(req?.url ?? '').split('?')[0]}: ${message}`,
      {
        status,
        code,
      },
    );
    send(res, status, 'application/json', JSON.stringify({ ok: false, error: new AppError(code, message).toJSON() }));
  };
  const authed = (req: IncomingMessage) => tokensEqual(readCookie(req.headers.cookie, cookieName(port)), token);

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: Error) => {
      o.log?.event('error', 'browser_request_failed', error.message);
      if (!res.headersSent) refuse(res, 500, 'internal', 'Unexpected error in the browser-mode server.');
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const isApi = url.pathname.startsWith('/api/');
    const source = checkRequestSource(req, port, req.method === 'POST');
    if (source) return refuse(res, source.status, 'forbidden_sender', source.message, req);
    if (url.pathname === '/auth' && req.method === 'GET') {
      if (!tokensEqual(url.searchParams.get('token') ?? undefined, token))
        return refuse(res, 401, 'forbidden_sender', 'This address is not valid (or is from an earlier launch).', req);
      // The token leaves the address bar at once; from here the page proves itself with the cookie.
      res.writeHead(303, { ...securityHeaders(), 'Set-Cookie': sessionCookie(port, token), Location: '/' });
      return void res.end();
    }
    if (!authed(req)) {
      if (!isApi && req.method === 'GET' && (url.pathname === '/' || url.pathname === '/index.html'))
        return send(res, 401, 'text/html; charset=utf-8', NOT_SIGNED_IN);
      return refuse(res, 401, 'forbidden_sender', 'Open Patchbay from the address `patchbay ui` printed.', req);
    }
    if (url.pathname === '/api/call') {
      if (req.method !== 'POST') return refuse(res, 405, 'invalid_input', 'Calls are POST requests.', req);
      return call(req, res);
    }
    if (url.pathname === '/api/events' && req.method === 'GET') return eventStream(req, res);
    if (url.pathname.startsWith('/api/download/') && req.method === 'GET')
      return download(res, url.pathname.slice('/api/download/'.length));
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return refuse(res, 405, 'invalid_input', `${req.method} is not accepted here.`, req);
    return staticFile(url.pathname, res);
  }

  async function call(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? ''))
      return refuse(res, 415, 'invalid_input', 'Calls are JSON (Content-Type: application/json).', req);
    const body = await readBody(req, maxBody);
    if (body === undefined) return refuse(res, 413, 'invalid_input', `The call is larger than ${maxBody} bytes.`, req);
    let frame: unknown;
    try {
      frame = JSON.parse(body.toString('utf8'));
    } catch (error) {
      return refuse(res, 400, 'invalid_input', `The call is not valid JSON: ${(error as Error).message}`, req);
    }
    if (!frame || typeof frame !== 'object' || typeof (frame as { channel?: unknown }).channel !== 'string')
      return refuse(res, 400, 'invalid_input', 'A call is {"channel": "<feature>:<verb>", "input": {...}}.', req);
    const { channel, input } = frame as { channel: string; input?: unknown };
    const result = await dispatch(o.handlers, channel, input ?? {}, {
      validateOutput: o.dev ?? false,
      fileGrants: o.fileGrants,
      onRejected: (info) =>
        o.log?.event('warn', 'ipc_rejected', `${info.channel}: ${info.code}: ${info.message}`, {
          channel: info.channel,
          code: info.code,
        }),
      onUnexpected: (ch, error) =>
        o.log?.event('error', 'ipc_handler_failed', `${ch}: ${(error as Error)?.message ?? String(error)}`, {
          channel: ch,
        }),
    });
    o.observe?.({ channel, payload: input, result });
    // An export written to a file this host chose is handed to the browser as a one-time download.
    const published =
      result.ok && FILE_WRITING_CHANNELS.has(channel)
        ? o.downloads.publish((input as { path?: unknown } | undefined)?.path)
        : undefined;
    const download = published ? { url: `/api/download/${published.id}`, name: published.name } : undefined;
    send(res, 200, 'application/json', JSON.stringify(download ? { result, download } : { result }));
  }

  function eventStream(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { ...securityHeaders(), 'Content-Type': 'text/event-stream', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    streams.add(res);
    if (idleTimer !== undefined) timers.clearTimer(idleTimer);
    idleTimer = undefined;
    req.on('close', () => {
      streams.delete(res);
      if (streams.size === 0 && o.onIdle) idleTimer = timers.setTimer(() => o.onIdle?.(), o.idleGraceMs ?? 10_000);
    });
  }

  const unsubscribe = o.events.onAny((event, payload) => {
    const line = `data: ${JSON.stringify({ event, payload })}\n\n`;
    for (const stream of streams) stream.write(line);
  });

  function download(res: ServerResponse, id: string): void {
    const item = o.downloads.take(id);
    if (!item) return refuse(res, 404, 'not_found', 'This download is gone (each export downloads once).');
    res.writeHead(200, {
      ...securityHeaders(),
      'Content-Type': 'application/octet-stream',
      'Content-Length': String(statSync(item.path).size),
      'Content-Disposition': `attachment; filename="${item.name.replace(/["\\]/g, '_')}"`,
    });
    createReadStream(item.path).on('close', item.done).pipe(res);
  }

  function staticFile(pathname: string, res: ServerResponse): void {
    if (pathname === '/' || pathname === '/index.html') return send(res, 200, MIME['.html']!, indexHtml);
    if (pathname === BRIDGE_PATH) return send(res, 200, MIME['.js']!, readFileSync(o.bridgeFile));
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return refuse(res, 400, 'invalid_input', 'Malformed path.');
    }
    const file = normalize(join(o.rendererDir, decoded));
    if (!file.startsWith(o.rendererDir + sep) || !existsSync(file) || !statSync(file).isFile())
      return refuse(res, 404, 'not_found', `No such file: ${pathname.slice(0, 100)}`);
    send(res, 200, MIME[extname(file)] ?? 'application/octet-stream', readFileSync(file));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Loopback only: nothing on the network can reach the app.
    server.listen(o.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    port,
    origin,
    openUrl: `${origin}/auth?token=${token}`,
    tabs: () => streams.size,
    async close() {
      unsubscribe();
      if (idleTimer !== undefined) timers.clearTimer(idleTimer);
      for (const stream of streams) stream.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const BRIDGE_PATH = '/patchbay-bridge.js';

/** The bridge must define window.patchbay before the app's module script runs: a classic script first in <head>. */
function injectBridge(html: string): string {
  return html.replace('<head>', `<head>\n    <script src="${BRIDGE_PATH}"></script>`);
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { ...securityHeaders(), 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/** The request body, or undefined once it exceeds `max` (the rest is not read). */
function readBody(req: IncomingMessage, max: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > max) {
      req.resume();
      return resolve(undefined);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        req.removeAllListeners('data');
        req.resume();
        resolve(undefined);
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const NOT_SIGNED_IN = `<!doctype html><meta charset="utf-8"><title>Patchbay</title>
<p>This Patchbay page opens only from the address printed by <code>npm start</code> or <code>patchbay ui</code>
(it carries a one-launch key). Run it again to get a fresh address.</p>`;
