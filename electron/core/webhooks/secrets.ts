import type { SecretStore } from '../secrets/types';

/** Per endpoint/target signing secret; the keychain account is `<id>/secret`. */
export interface WebhookSecrets {
  get(id: string): Promise<string | null>;
  set(id: string, value: string): Promise<void>;
  delete(id: string): Promise<boolean>;
}

export const SECRET_FIELD = 'secret';

export function secretsFromStore(store: SecretStore): WebhookSecrets {
  return {
    get: (id) => store.get(id, SECRET_FIELD),
    set: (id, value) => store.set(id, SECRET_FIELD, value),
    delete: (id) => store.delete(id, SECRET_FIELD),
  };
}

/**
 * Keeps secrets in memory for a short while: the listener needs one per request and a keychain
 * round trip (D-Bus on Linux) per webhook would cap throughput. The TTL picks up a secret
 * replaced by another process (the CLI); this process's own changes invalidate at once.
 */
export class CachedSecrets implements WebhookSecrets {
  private readonly cache = new Map<string, { value: string; until: number }>();

  constructor(
    private readonly inner: WebhookSecrets,
    private readonly ttlMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  async get(id: string): Promise<string | null> {
    const hit = this.cache.get(id);
    if (hit && hit.until > this.now()) return hit.value;
    const value = await this.inner.get(id);
    if (value) this.cache.set(id, { value, until: this.now() + this.ttlMs });
    else this.cache.delete(id);
    return value;
  }

  async set(id: string, value: string): Promise<void> {
    this.cache.delete(id);
    await this.inner.set(id, value);
  }

  async delete(id: string): Promise<boolean> {
    this.cache.delete(id);
    return this.inner.delete(id);
  }
}
