import type { Connection } from '../../../shared/models/connection';
import type { AuthApplier } from '../auth/types';
import { HttpRuntime } from '../connectors/http/runtime';
import type { ProbeOutcome } from './classify';

export interface ProbeContext {
  connection: Connection;
  applier: AuthApplier;
  signal?: AbortSignal;
}
export type Probe = (ctx: ProbeContext) => Promise<ProbeOutcome>;

export interface HttpProbeOptions {
  /** Relative to the base URL (default: the base URL itself); an absolute URL is called as given. */
  path?: string;
  method?: string;
  body?: string;
  contentType?: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

/**
 * A test call by path, for a connection whose connector declares none (and for tests that aim at
 * one endpoint of an auth server). It goes through the HTTP runtime connector calls use, so it
 * follows the same rules: credentials only for allowed hosts (re-decided on every redirect hop, so
 * a redirect elsewhere drops them) and one retry after a 401. Every answer is an outcome the
 * classifier words; nothing is retried.
 */
export function httpProbe(options: HttpProbeOptions = {}): Probe {
  return async ({ connection, applier, signal }) => {
    const base = connection.baseUrl.endsWith('/') ? connection.baseUrl : `${connection.baseUrl}/`;
    const url = new URL((options.path ?? '').replace(/^\//, ''), base);
    const runtime = new HttpRuntime({
      connectorId: connection.connectorId,
      connectionId: connection.id,
      allowedHosts: connection.allowedHosts,
      applier,
      retry: { maxAttempts: 1 },
      timeoutMs: options.timeoutMs ?? 15_000,
      // A server pause (Retry-After) is the answer to report, not one to wait for.
      maxServerPauseMs: 0,
    });
    const send = () =>
      runtime.request({
        method: options.method ?? 'GET',
        url: url.toString(),
        headers: {
          accept: '*/*',
          ...options.headers,
          ...(options.contentType ? { 'content-type': options.contentType } : {}),
        },
        body: options.body,
        operation: 'test',
        signal,
        // Every answer is the probe's outcome, worded by the classifier; an error status is not a failure here.
        acceptErrorBody: () => true,
      });
    try {
      let res = await send();
      // One refresh after a 401 (an expired OAuth token); a refusal from the token endpoint is the outcome.
      if (res.status === 401 && applier.onUnauthorized && (await applier.onUnauthorized(signal))) res = await send();
      return { status: res.status, headers: res.headers, host: new URL(res.url).host };
    } catch (error) {
      return { error, host: url.host };
    }
  };
}
