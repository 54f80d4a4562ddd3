import { createHash, createHmac } from 'node:crypto';
import type { Connection } from '../../../shared/models/connection';
import type { SecretStore } from '../secrets/types';
import { lazySecret } from './static-appliers';
import type { AuthApplier, AuthDeps, OutgoingRequest } from './types';

/**
 * HMAC request signing as several accounting/warehouse APIs do it: the shared secret signs
 *   METHOD \n path?query \n unix-seconds \n hex(sha256(body bytes))
 * so a replayed or altered request (other body, other path, old timestamp) fails verification.
 * Must run last, after every other change to the request (it covers the exact body bytes).
 */
export function hmacCanonicalString(
  method: string,
  url: URL,
  timestamp: string,
  body: string | Buffer | undefined,
): string {
  const bodyHash = createHash('sha256')
    .update(body ?? '')
    .digest('hex');
  return [method.toUpperCase(), url.pathname + url.search, timestamp, bodyHash].join('\n');
}

export function hmacApplier(c: Connection, store: SecretStore, deps: AuthDeps): AuthApplier {
  const secret = lazySecret(store, c.id, 'signingSecret');
  const s = c.authSettings;
  const now = deps.now ?? Date.now;
  return {
    async apply(req: OutgoingRequest) {
      const key = await secret.get();
      const timestamp = String(Math.floor(now() / 1000));
      const signature = createHmac(s.algorithm ?? 'sha256', key)
        .update(hmacCanonicalString(req.method, req.url, timestamp, req.body))
        .digest(s.signatureEncoding ?? 'hex');
      req.headers[s.timestampHeader ?? 'X-Timestamp'] = timestamp;
      req.headers[s.signatureHeader ?? 'X-Signature'] = signature;
      if (s.keyId) req.headers[s.keyIdHeader ?? 'X-Key-Id'] = s.keyId;
    },
    secretValues: () => [...secret.known],
  };
}
