import type { Connection } from '../../../shared/models/connection';
import type { SecretStore } from '../secrets/types';
import { requireSecret } from './secret-access';
import type { AuthApplier, OutgoingRequest } from './types';

/**
 * Appliers whose credential is one long-lived secret: API key (header or query), Basic, Bearer.
 * The secret is read from the keychain once per applier (a D-Bus round trip per request would
 * dominate small syncs) and kept only in memory.
 */
function lazySecret(store: SecretStore, connectionId: string, field: string) {
  let value: Promise<string> | undefined;
  const known: string[] = [];
  return {
    get: () => {
      value ??= requireSecret(store, connectionId, field).then((v) => (known.push(v), v));
      value.catch(() => (value = undefined)); // a later attempt may succeed once the user fixes it
      return value;
    },
    known,
  };
}

export function apiKeyHeaderApplier(c: Connection, store: SecretStore): AuthApplier {
  const key = lazySecret(store, c.id, 'apiKey');
  const header = c.authSettings.headerName ?? 'X-API-Key';
  const prefix = c.authSettings.headerPrefix ?? '';
  return {
    async apply(req: OutgoingRequest) {
      req.headers[header] = prefix + (await key.get());
    },
    secretValues: () => [...key.known],
  };
}

export function apiKeyQueryApplier(c: Connection, store: SecretStore): AuthApplier {
  const key = lazySecret(store, c.id, 'apiKey');
  const param = c.authSettings.queryParam ?? 'api_key';
  return {
    async apply(req: OutgoingRequest) {
      req.url.searchParams.set(param, await key.get());
    },
    secretValues: () => [...key.known],
  };
}

export function basicApplier(c: Connection, store: SecretStore): AuthApplier {
  const password = lazySecret(store, c.id, 'password');
  const username = c.authSettings.username ?? '';
  const encoded: string[] = [];
  return {
    async apply(req: OutgoingRequest) {
      const value = Buffer.from(`${username}:${await password.get()}`, 'utf8').toString('base64');
      if (!encoded.includes(value)) encoded.push(value);
      req.headers['Authorization'] = `Basic ${value}`;
    },
    // The base64 form is what appears on the wire, so the logger must mask it too.
    secretValues: () => [...password.known, ...encoded],
  };
}

export function bearerApplier(c: Connection, store: SecretStore): AuthApplier {
  const token = lazySecret(store, c.id, 'token');
  return {
    async apply(req: OutgoingRequest) {
      req.headers['Authorization'] = `Bearer ${await token.get()}`;
    },
    secretValues: () => [...token.known],
  };
}

export function noAuthApplier(): AuthApplier {
  return { async apply() {}, secretValues: () => [] };
}

export { lazySecret };
