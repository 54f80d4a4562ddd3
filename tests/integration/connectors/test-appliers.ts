import type { AuthApplier, OutgoingRequest } from '../../../electron/core/auth/types';

/** A bearer applier with a fixed token, counting how often it was asked (tests only). */
export function bearer(
  token: string,
  opts: { refreshTo?: string } = {},
): AuthApplier & { applied: string[]; refreshed: number } {
  let current = token;
  const self = {
    applied: [] as string[],
    refreshed: 0,
    async apply(req: OutgoingRequest) {
      self.applied.push(req.url.host);
      req.headers.authorization = `Bearer ${current}`;
    },
    async onUnauthorized() {
      self.refreshed++;
      if (!opts.refreshTo) return false;
      current = opts.refreshTo;
      return true;
    },
    secretValues: () => [token, ...(opts.refreshTo ? [opts.refreshTo] : [])],
  };
  return self;
}

/** A header applier (Shopify's X-Shopify-Access-Token, API keys). */
export function headerKey(name: string, value: string): AuthApplier {
  return {
    async apply(req: OutgoingRequest) {
      req.headers[name.toLowerCase()] = value;
    },
    secretValues: () => [value],
  };
}

/** WS-Security UsernameToken injected into the envelope, as electron/core/auth/wsse.ts does. */
export function wsseToken(
  username: string,
  password: string,
  type: 'PasswordDigest' | 'PasswordText' = 'PasswordDigest',
): AuthApplier {
  return {
    async apply(req: OutgoingRequest) {
      const { injectSecurityHeader, usernameTokenXml } = await import('../../../electron/core/auth/wsse');
      if (typeof req.body === 'string' && req.body.includes('Envelope'))
        req.body = injectSecurityHeader(req.body, usernameTokenXml(username, password, type, new Date().toISOString()));
    },
    secretValues: () => [password],
  };
}
