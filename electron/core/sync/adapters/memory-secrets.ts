import type { KeychainStatus, SecretRef, SecretStore } from '../../secrets/types';

/**
 * The secrets of one run's two connections, handed to the worker by the main thread (the worker
 * never opens the keychain). Read-only: a rotated OAuth refresh token cannot be saved from here.
 */
export class RunSecrets implements SecretStore {
  constructor(private readonly values: Record<string, Record<string, string>>) {}
  async get(connectionId: string, field: string): Promise<string | null> {
    return this.values[connectionId]?.[field] ?? null;
  }
  async set(): Promise<void> {
    // Rotation inside a run is not persisted; the next run reads the keychain again.
  }
  async delete(): Promise<boolean> {
    return false;
  }
  async listFields(connectionId: string): Promise<string[]> {
    return Object.keys(this.values[connectionId] ?? {});
  }
  async listAll(): Promise<SecretRef[]> {
    return Object.entries(this.values).flatMap(([connectionId, f]) => Object.keys(f).map((field) => ({ connectionId, field })));
  }
  async available(): Promise<KeychainStatus> {
    return { ok: true };
  }
}
