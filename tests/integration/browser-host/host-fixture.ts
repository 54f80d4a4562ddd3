import { mkdirSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { DownloadShelf } from '../../../electron/browser-host/downloads';
import { startBrowserHost, type BrowserHostOptions } from '../../../electron/browser-host/server';
import { makeTestCore } from '../../helpers/core';
import { makeTempDir } from '../../helpers/tmp';

/** A real core behind the real browser-mode server, with a minimal page to serve. */
export async function startTestHost(extra: Partial<BrowserHostOptions> = {}) {
  const site = makeTempDir('patchbay-site-');
  mkdirSync(join(site.dir, 'assets'));
  writeFileSync(join(site.dir, 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>');
  writeFileSync(join(site.dir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(site.dir, 'bridge.js'), '/* bridge */');
  const shelf = new DownloadShelf();
  const test = await makeTestCore({ chooseSavePath: shelf.chooseSavePath });
  const calls: { channel: string; payload: unknown; result: unknown }[] = [];
  const host = await startBrowserHost({
    handlers: test.handlers,
    events: test.core.events,
    fileGrants: test.core.fileGrants,
    downloads: shelf,
    rendererDir: site.dir,
    bridgeFile: join(site.dir, 'bridge.js'),
    dev: true,
    token: 'test-launch-token-0123456789abcdefghijklmnopqrstuv',
    observe: (call) => calls.push(call),
    ...extra,
  });
  const token = new URL(host.openUrl).searchParams.get('token')!;
  const cookie = `patchbay_session_${host.port}=${token}`;
  const origin = host.origin;
  const hostHeader = `127.0.0.1:${host.port}`;
  return {
    host,
    test,
    calls,
    token,
    cookie,
    origin,
    /** What the real page sends for a call. */
    pageHeaders: { Host: hostHeader, Origin: origin, Cookie: cookie, 'Content-Type': 'application/json' },
    request: (opts: RawRequest) => rawRequest(host.port, { ...opts, headers: { Host: hostHeader, ...opts.headers } }),
    async close() {
      await host.close();
      shelf.close();
      await test.close();
      site.cleanup();
    },
  };
}

export interface RawRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json(): unknown;
}

/** node:http, not fetch: tests must send headers a browser would never let a page forge (Host, Origin). */
export function rawRequest(port: number, o: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, method: o.method ?? 'GET', path: o.path ?? '/', headers: o.headers, setHost: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
        });
      },
    );
    req.on('error', reject);
    req.end(o.body);
  });
}
