import type { KeyValueStore } from '../../electron/core/settings/store';
import type { WebhookSecrets } from '../../electron/core/webhooks/secrets';

/** Settings in memory, for webhook tests that do not exercise the settings file. */
export class MemoryKeyValueStore implements KeyValueStore {
  readonly path = ':memory:';
  private readonly data = new Map<string, unknown>();
  get(key: string): unknown {
    const v = this.data.get(key);
    return v === undefined ? undefined : structuredClone(v);
  }
  set(key: string, value: unknown): void {
    this.data.set(key, structuredClone(value));
  }
  delete(key: string): void {
    this.data.delete(key);
  }
  has(key: string): boolean {
    return this.data.has(key);
  }
}

/** Secrets in memory; the keychain-backed path is covered by the keychain tests. */
export class MemorySecrets implements WebhookSecrets {
  readonly values = new Map<string, string>();
  reads = 0;
  async get(id: string): Promise<string | null> {
    this.reads++;
    return this.values.get(id) ?? null;
  }
  async set(id: string, value: string): Promise<void> {
    this.values.set(id, value);
  }
  async delete(id: string): Promise<boolean> {
    return this.values.delete(id);
  }
}
