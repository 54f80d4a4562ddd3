import type { AuthApplier, OutgoingRequest } from '../../../electron/core/auth/types';

/** A bearer applier with a fixed token, counting how often it was asked (tests only). */
export function bearer(token: string, opts: { refreshTo?: string } = {}): AuthApplier & { applied: string[]; refreshed: number } {
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
