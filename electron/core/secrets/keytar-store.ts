import { createRequire } from 'node:module';
import { keychainUnavailable } from './keychain-error';
import { accountOf, parseAccount, type KeychainStatus, type SecretRef, type SecretStore } from './types';
import { errorMessage } from '../../../shared/error-message';

type Keytar = typeof import('keytar');

export interface KeytarStoreOptions {
  /** Keychain "service": the app id in production, a unique name per test run. */
  service: string;
  /** A locked keyring can leave a call waiting for a prompt nobody sees; give up after this long. */
  timeoutMs?: number;
}

/**
 * SecretStore on the OS keychain through keytar (libsecret on Linux, Keychain on macOS,
 * Credential Manager on Windows). keytar is loaded lazily so a missing native build is reported as
 * keychain_unavailable instead of crashing the app at start.
 */
export class KeytarSecretStore implements SecretStore {
  readonly service: string;
  private readonly timeoutMs: number;
  private keytar?: Keytar;

  constructor(options: KeytarStoreOptions) {
    if (!options.service) throw new Error('KeytarSecretStore needs a service name');
    this.service = options.service;
    this.timeoutMs = options.timeoutMs ?? 15_000;
  }

  async set(connectionId: string, field: string, value: string): Promise<void> {
    const account = accountOf(connectionId, field);
    await this.call('write a secret', (k) => k.setPassword(this.service, account, value));
  }

  async get(connectionId: string, field: string): Promise<string | null> {
    const account = accountOf(connectionId, field);
    return this.call('read a secret', (k) => k.getPassword(this.service, account));
  }

  async delete(connectionId: string, field: string): Promise<boolean> {
    const account = accountOf(connectionId, field);
    return this.call('delete a secret', (k) => k.deletePassword(this.service, account));
  }

  async listFields(connectionId: string): Promise<string[]> {
    return (await this.listAll()).filter((r) => r.connectionId === connectionId).map((r) => r.field);
  }

  async listAll(): Promise<SecretRef[]> {
    // findCredentials returns the passwords too; drop them at once so they go no further.
    const found = await this.call('list secrets', (k) => k.findCredentials(this.service));
    const refs: SecretRef[] = [];
    for (const { account } of found) {
      const ref = parseAccount(account);
      if (ref) refs.push(ref);
    }
    return refs.sort((a, b) => (a.connectionId + a.field).localeCompare(b.connectionId + b.field));
  }

  async available(): Promise<KeychainStatus> {
    try {
      await this.call('check the keychain', (k) => k.findCredentials(this.service));
      return { ok: true };
    } catch (error) {
      return { ok: false, message: errorMessage(error) };
    }
  }

  private async call<T>(operation: string, fn: (k: Keytar) => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const keytar = this.load();
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer from the keychain within ${this.timeoutMs} ms (is it locked?)`)),
          this.timeoutMs,
        );
        timer.unref();
      });
      return await Promise.race([fn(keytar), timeout]);
    } catch (error) {
      throw keychainUnavailable(operation, error);
    } finally {
      if (timer) clearTimeout(timer);
    }
  }

  private load(): Keytar {
    if (!this.keytar) {
      const require = createRequire(import.meta.url);
      this.keytar = require('keytar') as Keytar;
    }
    return this.keytar;
  }
}
