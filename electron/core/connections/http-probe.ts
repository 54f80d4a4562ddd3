import { isAllowedHost, type Connection } from '../../../shared/models/connection';
import type { AuthApplier, OutgoingRequest } from '../auth/types';
import type { ProbeOutcome } from './classify';

export interface ProbeContext {
  connection: Connection;
  applier: AuthApplier;
  signal?: AbortSignal;
}
export type Probe = (ctx: ProbeContext) => Promise<ProbeOutcome>;

export interface HttpProbeOptions {
  /** Relative to the base URL (default: the base URL itself). */
  path?: string;
  method?: string;
  body?: string;
  contentType?: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
  fetch?: typeof globalThis.fetch;
}

/**
 * A test call by path, for a connection whose connector declares none (and for tests that aim at
 * one endpoint of an auth server). It follows the same rules the runtime must: credentials only for allowed hosts (re-decided on
 * every redirect hop, so a redirect elsewhere drops them) and one retry after a 401.
 */
export function httpProbe(options: HttpProbeOptions = {}): Probe {
  const doFetch = options.fetch ?? globalThis.fetch;
  return async ({ connection, applier, signal }) => {
    const base = connection.baseUrl.endsWith('/') ? connection.baseUrl : `${connection.baseUrl}/`;
    let url = new URL((options.path ?? '').replace(/^\//, ''), base);
    const timeout = AbortSignal.timeout(options.timeoutMs ?? 15_000);
    const sig = signal ? AbortSignal.any([signal, timeout]) : timeout;
    const send = async (target: URL) => {
      const req: OutgoingRequest = {
        method: options.method ?? 'GET',
        url: new URL(target),
        headers: { Accept: '*/*', ...options.headers },
        body: options.body,
      };
      if (options.contentType) req.headers['Content-Type'] = options.contentType;
      if (isAllowedHost(connection, target)) await applier.apply(req, sig);
      const body = typeof req.body === 'string' || req.body === undefined ? req.body : new Uint8Array(req.body);
      return doFetch(req.url, { method: req.method, headers: req.headers, body, redirect: 'manual', signal: sig });
    };
    try {
      let res = await send(url);
      for (let hop = 0; hop < 5 && res.status >= 300 && res.status < 400 && res.headers.get('location'); hop++) {
        url = new URL(res.headers.get('location')!, url);
        res = await send(url);
      }
      if (res.status === 401 && applier.onUnauthorized && (await applier.onUnauthorized(sig))) res = await send(url);
      await res.arrayBuffer().catch(() => undefined);
      return { status: res.status, headers: Object.fromEntries(res.headers), host: url.host };
    } catch (error) {
      return { error, host: url.host };
    }
  };
}
