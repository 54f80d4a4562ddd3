import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { json, readBody, same } from './http-util';

export interface OAuthSandboxOptions {
  clientId: string;
  clientSecret: string;
  /** A public client (no secret, PKCE only), as RFC 8252 native apps usually are. */
  publicClientId: string;
  tokenTtlSeconds: number;
  rotateRefreshTokens: boolean;
}

/** Knobs and counters tests read and flip at run time. */
export interface OAuthSandboxState {
  /** Every token request's grant_type, in order. */
  tokenRequests: string[];
  /** When true, refresh_token grants answer invalid_grant (the user revoked the app). */
  failRefreshWithInvalidGrant: boolean;
  /** When true, /authorize redirects back with error=access_denied. */
  denyAuthorization: boolean;
  /** The refresh token currently valid (rotation revokes the previous one). */
  refreshTokens: Set<string>;
  /** Forget issued access tokens so the next call gets a 401 (provider-side revocation). */
  revokeAccessTokens(): void;
}

interface PendingCode {
  clientId: string;
  redirectUri: string;
  challenge: string;
  expiresAt: number;
}

const token = (prefix: string) => `${prefix}_${randomBytes(18).toString('base64url')}`;

/** An RFC 6749 / 7636 authorization server: authorize, token (three grants) and a protected resource. */
export function createOAuthSandbox(opts: OAuthSandboxOptions) {
  const codes = new Map<string, PendingCode>();
  const accessTokens = new Map<string, number>();
  const state: OAuthSandboxState = {
    tokenRequests: [],
    failRefreshWithInvalidGrant: false,
    denyAuthorization: false,
    refreshTokens: new Set(),
    revokeAccessTokens: () => accessTokens.clear(),
  };
  const oauthError = (res: ServerResponse, status: number, error: string, description: string) =>
    json(res, status, { error, error_description: description });

  const issue = (res: ServerResponse, withRefresh: boolean) => {
    const access = token('at');
    accessTokens.set(access, Date.now() + opts.tokenTtlSeconds * 1000);
    const body: Record<string, unknown> = {
      access_token: access,
      token_type: 'Bearer',
      expires_in: opts.tokenTtlSeconds,
    };
    if (withRefresh) {
      const refresh = token('rt');
      state.refreshTokens.add(refresh);
      body.refresh_token = refresh;
    }
    json(res, 200, body);
  };

  function authorize(url: URL, res: ServerResponse): void {
    const p = url.searchParams;
    const redirect = p.get('redirect_uri') ?? '';
    let target: URL;
    try {
      target = new URL(redirect);
    } catch {
      return oauthError(res, 400, 'invalid_request', 'redirect_uri missing or invalid');
    }
    // RFC 8252 §7.3: loopback IP literal, any port, http.
    if (target.protocol !== 'http:' || target.hostname !== '127.0.0.1')
      return oauthError(res, 400, 'invalid_request', 'redirect_uri must be a loopback address');
    if (p.get('client_id') !== opts.clientId && p.get('client_id') !== opts.publicClientId)
      return oauthError(res, 400, 'unauthorized_client', 'unknown client_id');
    if (p.get('response_type') !== 'code')
      return oauthError(res, 400, 'unsupported_response_type', 'response_type must be code');
    const challenge = p.get('code_challenge');
    if (!challenge || p.get('code_challenge_method') !== 'S256')
      return oauthError(res, 400, 'invalid_request', 'PKCE with S256 is required');
    if (state.denyAuthorization) {
      target.searchParams.set('error', 'access_denied');
      target.searchParams.set('error_description', 'The user declined');
    } else {
      const code = token('code');
      codes.set(code, {
        clientId: p.get('client_id')!,
        redirectUri: redirect,
        challenge,
        expiresAt: Date.now() + 60_000,
      });
      target.searchParams.set('code', code);
    }
    if (p.get('state') !== null) target.searchParams.set('state', p.get('state')!);
    res.writeHead(302, { Location: target.toString() }).end();
  }

  async function tokenEndpoint(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = new URLSearchParams((await readBody(req)).toString('utf8'));
    const grant = form.get('grant_type') ?? '';
    state.tokenRequests.push(grant);
    // Client authentication: HTTP Basic or form fields (RFC 6749 §2.3.1).
    let clientId = form.get('client_id');
    let secret = form.get('client_secret');
    const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '');
    if (basic) {
      const [id, s] = Buffer.from(basic[1], 'base64').toString('utf8').split(':').map(decodeURIComponent);
      clientId = id;
      secret = s;
    }
    const confidential = clientId === opts.clientId && same(secret, opts.clientSecret);
    const isPublic = clientId === opts.publicClientId && !secret;
    if (!confidential && !isPublic) return oauthError(res, 401, 'invalid_client', 'Client authentication failed');

    if (grant === 'client_credentials') {
      if (!confidential)
        return oauthError(res, 400, 'unauthorized_client', 'public clients cannot use client_credentials');
      return issue(res, false);
    }
    if (grant === 'authorization_code') {
      const code = codes.get(form.get('code') ?? '');
      codes.delete(form.get('code') ?? ''); // single use
      if (!code || code.expiresAt < Date.now() || code.clientId !== clientId)
        return oauthError(res, 400, 'invalid_grant', 'authorization code invalid or expired');
      if (form.get('redirect_uri') !== code.redirectUri)
        return oauthError(res, 400, 'invalid_grant', 'redirect_uri does not match');
      const verifier = form.get('code_verifier') ?? '';
      const computed = createHash('sha256').update(verifier, 'ascii').digest('base64url');
      if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier) || computed !== code.challenge)
        return oauthError(res, 400, 'invalid_grant', 'PKCE verification failed');
      return issue(res, true);
    }
    if (grant === 'refresh_token') {
      const presented = form.get('refresh_token') ?? '';
      if (state.failRefreshWithInvalidGrant || !state.refreshTokens.has(presented))
        return oauthError(res, 400, 'invalid_grant', 'refresh token revoked');
      if (!opts.rotateRefreshTokens) return issue(res, false);
      state.refreshTokens.delete(presented); // rotation: the old one is dead from now on
      return issue(res, true);
    }
    return oauthError(res, 400, 'unsupported_grant_type', `grant_type ${grant || '(none)'} not supported`);
  }

  function validAccessToken(value: string | undefined): boolean {
    const expiry = value ? accessTokens.get(value) : undefined;
    return expiry !== undefined && expiry > Date.now();
  }

  return { state, authorize, tokenEndpoint, validAccessToken };
}
