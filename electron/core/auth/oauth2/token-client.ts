import { AppError } from '../../../../shared/errors';
import { maskSecrets } from '../secret-access';
import type { AuthDeps } from '../types';

export interface TokenRequest {
  tokenUrl: string;
  clientId: string;
  clientSecret?: string;
  /** RFC 6749 §2.3.1: HTTP Basic (default, every server must support it) or form fields. */
  clientAuth?: 'basic' | 'body';
  form: Record<string, string>;
  /** For the access trail: whose token this is. */
  connectionId?: string;
}

export interface TokenResponse {
  accessToken: string;
  /** Epoch ms, null when the provider did not say. */
  expiresAt: number | null;
  refreshToken?: string;
}

/** Thrown shape for token endpoint refusals: details.error carries the provider's `error` code. */
export function isInvalidGrant(error: unknown): boolean {
  return AppError.is(error, 'auth_failed') && error.details?.error === 'invalid_grant';
}

/** One POST to a token endpoint; provider errors surface with their `error` / `error_description`. */
export async function requestToken(req: TokenRequest, deps: AuthDeps, signal?: AbortSignal): Promise<TokenResponse> {
  const url = new URL(req.tokenUrl);
  const startedAt = Date.now();
  let status: number | undefined;
  try {
    const result = await exchange(req, deps, url, signal, (s) => (status = s));
    deps.onTokenCall?.({
      connectionId: req.connectionId,
      url: `${url.origin}${url.pathname}`,
      host: url.host,
      startedAt,
      durationMs: Date.now() - startedAt,
      status,
      grantType: req.form.grant_type,
    });
    return result;
  } catch (error) {
    const errorCode = AppError.is(error) ? String(error.details?.error ?? error.code) : 'internal';
    deps.onTokenCall?.({
      connectionId: req.connectionId,
      url: `${url.origin}${url.pathname}`,
      host: url.host,
      startedAt,
      durationMs: Date.now() - startedAt,
      status,
      errorCode,
      grantType: req.form.grant_type,
    });
    throw error;
  }
}

async function exchange(
  req: TokenRequest,
  deps: AuthDeps,
  url: URL,
  signal: AbortSignal | undefined,
  onStatus: (status: number) => void,
): Promise<TokenResponse> {
  const doFetch = deps.fetch ?? globalThis.fetch;
  const now = deps.now ?? Date.now;
  const form = new URLSearchParams(req.form);
  const headers: Record<string, string> = {
    'Content-Type': 'application/x-www-form-urlencoded',
    Accept: 'application/json',
  };
  if (req.clientSecret && (req.clientAuth ?? 'basic') === 'basic') {
    // RFC 6749 §2.3.1: form-urlencode id and secret before base64.
    const pair = `${encodeURIComponent(req.clientId)}:${encodeURIComponent(req.clientSecret)}`;
    headers['Authorization'] = `Basic ${Buffer.from(pair).toString('base64')}`;
  } else {
    form.set('client_id', req.clientId);
    if (req.clientSecret) form.set('client_secret', req.clientSecret);
  }
  const secrets = [req.clientSecret, req.form.refresh_token, req.form.code, req.form.code_verifier].filter(
    Boolean,
  ) as string[];
  const timeout = AbortSignal.timeout(deps.tokenTimeoutMs ?? 30_000);
  let res: Response;
  try {
    res = await doFetch(url, {
      method: 'POST',
      headers,
      body: form.toString(),
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      redirect: 'error',
    });
  } catch (error) {
    const code = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    const timedOut = code === 'TimeoutError' || timeout.aborted;
    throw new AppError(
      timedOut ? 'timeout' : 'network',
      `Could not reach the token endpoint at ${url.host} (${code}). Check the token URL and your network.`,
      {
        tokenHost: url.host,
        code,
      },
    );
  }
  onStatus(res.status);
  const text = await res.text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    /* some providers answer errors in HTML; handled below */
  }
  if (!res.ok || typeof body.access_token !== 'string') {
    const error = typeof body.error === 'string' ? body.error : undefined;
    const description =
      typeof body.error_description === 'string' ? maskSecrets(body.error_description, secrets) : undefined;
    const what = error
      ? `${error}${description ? ` — ${description}` : ''}`
      : res.ok
        ? 'no access_token in the answer'
        : `HTTP ${res.status}`;
    throw new AppError('auth_failed', `The token endpoint at ${url.host} refused: ${what}.`, {
      status: res.status,
      tokenHost: url.host,
      ...(error ? { error } : {}),
      ...(description ? { errorDescription: description } : {}),
    });
  }
  const expiresIn = Number(body.expires_in);
  return {
    accessToken: body.access_token,
    expiresAt: Number.isFinite(expiresIn) && expiresIn > 0 ? now() + expiresIn * 1000 : null,
    ...(typeof body.refresh_token === 'string' && body.refresh_token ? { refreshToken: body.refresh_token } : {}),
  };
}
