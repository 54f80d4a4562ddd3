import type { AuthApplier, AuthDeps, CachedToken, OutgoingRequest } from '../types';

/**
 * Bearer applier over a token that must be obtained and renewed (both OAuth2 kinds). The token
 * lives only in memory (the shared cache), is renewed `refreshSkewMs` before expiry, and
 * concurrent requests share one renewal — with rotating refresh tokens two parallel refreshes
 * would revoke each other.
 */
export function tokenApplier(
  connectionId: string,
  deps: AuthDeps,
  obtain: (signal?: AbortSignal) => Promise<CachedToken>,
  secretValues: () => string[],
): AuthApplier {
  const cache = deps.tokenCache ?? new Map<string, CachedToken>();
  const now = deps.now ?? Date.now;
  const skew = deps.refreshSkewMs ?? 60_000;
  const seen = new Set<string>();
  let pending: Promise<CachedToken> | undefined;

  const renew = (signal?: AbortSignal) => {
    pending ??= obtain(signal)
      .then((t) => {
        cache.set(connectionId, t);
        seen.add(t.accessToken);
        return t;
      })
      .finally(() => (pending = undefined));
    return pending;
  };
  const fresh = (t: CachedToken | undefined) => t !== undefined && (t.expiresAt === null || t.expiresAt - skew > now());

  return {
    async apply(req: OutgoingRequest, signal?: AbortSignal) {
      const cached = cache.get(connectionId);
      const token = fresh(cached) ? cached! : await renew(signal);
      seen.add(token.accessToken);
      req.headers['Authorization'] = `Bearer ${token.accessToken}`;
    },
    async onUnauthorized(signal?: AbortSignal) {
      // The provider revoked or expired the token early: drop it and try once more.
      cache.delete(connectionId);
      await renew(signal);
      return true;
    },
    secretValues: () => [...secretValues(), ...seen],
  };
}
