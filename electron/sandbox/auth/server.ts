import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { json, readBody, unauthorized } from './http-util';
import { createOAuthSandbox, type OAuthSandboxOptions, type OAuthSandboxState } from './oauth-server';
import {
  bearerOf,
  verifyApiKeyHeader,
  verifyApiKeyQuery,
  verifyBasic,
  verifyHmac,
  verifyWsse,
  type HmacSpec,
  type Verdict,
} from './verifiers';

export interface AuthSandboxOptions {
  port?: number;
  apiKey?: string;
  apiKeyHeader?: string;
  apiKeyQueryParam?: string;
  basic?: { username: string; password: string };
  bearerToken?: string;
  oauth?: Partial<OAuthSandboxOptions>;
  hmac?: Partial<HmacSpec>;
  wsse?: { username: string; password: string };
}

export interface AuthSandbox {
  url: string;
  port: number;
  oauth: OAuthSandboxState;
  /** Every request's method + path, for tests that check where credentials went. */
  requests: { method: string; path: string; headers: Record<string, string | string[] | undefined> }[];
  close(): Promise<void>;
}

/**
 * Local servers that really verify every auth kind, on 127.0.0.1 with a random port:
 *   GET /api-key/header/me   GET /api-key/query/me   GET /basic/me   GET /bearer/me
 *   GET /oauth/authorize     POST /oauth/token       GET /oauth/me
 *   ANY /hmac/me             POST /soap/wsse
 *   GET /status/<code>[?retryAfter=s][&deprecation=@epoch&sunset=date][&location=url]   GET /slow?ms=N
 * Protected endpoints answer 200 {ok, who} or 401 with the reason.
 */
export async function startAuthSandbox(options: AuthSandboxOptions = {}): Promise<AuthSandbox> {
  const apiKey = options.apiKey ?? 'sandbox-api-key';
  const apiKeyHeader = options.apiKeyHeader ?? 'X-API-Key';
  const apiKeyQueryParam = options.apiKeyQueryParam ?? 'api_key';
  const basic = options.basic ?? { username: 'demo', password: 'sandbox-password' };
  const bearer = options.bearerToken ?? 'sandbox-bearer-token';
  const wsse = options.wsse ?? { username: 'warehouse', password: 'sandbox-wsse-password' };
  const hmac: HmacSpec = {
    secret: 'sandbox-signing-secret',
    signatureHeader: 'X-Signature',
    timestampHeader: 'X-Timestamp',
    algorithm: 'sha256',
    encoding: 'hex',
    maxSkewSeconds: 300,
    ...options.hmac,
  };
  const oauth = createOAuthSandbox({
    clientId: 'sandbox-client',
    clientSecret: 'sandbox-client-secret',
    publicClientId: 'sandbox-desktop',
    tokenTtlSeconds: 3600,
    rotateRefreshTokens: true,
    ...options.oauth,
  });
  const nonces = new Set<string>();
  const requests: AuthSandbox['requests'] = [];

  const respond = (res: import('node:http').ServerResponse, v: Verdict, scheme: string) =>
    v.ok ? json(res, 200, { ok: true, who: v.who }) : unauthorized(res, scheme, v.reason);

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({ method: req.method ?? 'GET', path: url.pathname, headers: req.headers });
    try {
      switch (url.pathname) {
        case '/api-key/header/me':
          return respond(res, verifyApiKeyHeader(req, apiKeyHeader, apiKey), 'ApiKey');
        case '/api-key/query/me':
          return respond(res, verifyApiKeyQuery(url, apiKeyQueryParam, apiKey), 'ApiKey');
        case '/basic/me':
          return respond(res, verifyBasic(req, basic.username, basic.password), 'Basic realm="sandbox"');
        case '/bearer/me':
          return respond(
            res,
            bearerOf(req) === bearer ? { ok: true, who: 'bearer' } : { ok: false, reason: 'bad token' },
            'Bearer',
          );
        case '/oauth/authorize':
          return oauth.authorize(url, res);
        case '/oauth/token':
          if (req.method !== 'POST') return json(res, 405, { error: 'invalid_request' });
          return await oauth.tokenEndpoint(req, res);
        case '/oauth/me':
          return oauth.validAccessToken(bearerOf(req))
            ? json(res, 200, { ok: true, who: 'oauth' })
            : unauthorized(res, 'Bearer error="invalid_token"', 'invalid or expired access token');
        case '/hmac/me':
          return respond(res, verifyHmac(req, url, await readBody(req), hmac, Date.now()), 'HMAC');
        case '/soap/wsse': {
          const v = verifyWsse(
            (await readBody(req)).toString('utf8'),
            wsse.username,
            wsse.password,
            Date.now(),
            nonces,
          );
          res.writeHead(v.ok ? 200 : 500, { 'Content-Type': 'text/xml; charset=utf-8' });
          return res.end(
            v.ok
              ? '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><PingResponse>ok</PingResponse></soap:Body></soap:Envelope>'
              : `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault><faultcode>wsse:FailedAuthentication</faultcode><faultstring>${v.reason}</faultstring></soap:Fault></soap:Body></soap:Envelope>`,
          );
        }
        case '/slow':
          await new Promise((r) => setTimeout(r, Number(url.searchParams.get('ms') ?? 5000)));
          return json(res, 200, { ok: true });
      }
      const status = /^\/status\/(\d{3})$/.exec(url.pathname);
      if (status) {
        const headers: Record<string, string> = {};
        for (const [param, header] of [
          ['retryAfter', 'Retry-After'],
          ['deprecation', 'Deprecation'],
          ['sunset', 'Sunset'],
          ['location', 'Location'],
        ] as const) {
          const value = url.searchParams.get(param);
          if (value) headers[header] = value;
        }
        return json(res, Number(status[1]), { status: Number(status[1]) }, headers);
      }
      json(res, 404, { error: 'not_found' });
    } catch (error) {
      json(res, 500, { error: 'sandbox_error', message: (error as Error).message });
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    oauth: oauth.state,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
