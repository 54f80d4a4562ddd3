import type { KeychainStatus, SecretRef, SecretStore } from '../../secrets/types';

/**
 * The secrets of one run's two connections, handed to the worker by the main thread (the worker
 * never opens the keychain). A secret the provider replaces during the run (a rotated OAuth refresh
 * token — the old one is dead from then on) is kept for the rest of the run and handed to `onSet`,
 * which sends it to the main thread to be written to the keychain.
 */
export class RunSecrets implements SecretStore {
  constructor(
    private readonly values: Record<string, Record<string, string>>,
    private readonly onSet?: (connectionId: string, field: string, value: string) => void,
  ) {}
  async get(connectionId: string, field: string): Promise<string | null> {
    return this.values[connectionId]?.[field] ?? null;
  }
  async set(connectionId: string, field: string, value: string): Promise<void> {
    (this.values[connectionId] ??= {})[field] = value;
    this.onSet?.(connectionId, field, value);
  }
  async delete(): Promise<boolean> {
    return false;
  }
  async listFields(connectionId: string): Promise<string[]> {
    return Object.keys(this.values[connectionId] ?? {});
  }
  async listAll(): Promise<SecretRef[]> {
    return Object.entries(this.values).flatMap(([connectionId, f]) =>
      Object.keys(f).map((field) => ({ connectionId, field })),
    );
  }
  async available(): Promise<KeychainStatus> {
    return { ok: true };
  }
}
