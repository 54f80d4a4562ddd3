/**
 * Where secret values live: the OS keychain, one entry per secret field.
 * `get` is for core only (appliers); nothing that crosses IPC may call it.
 * Implementations throw AppError('keychain_unavailable') when the keychain cannot be reached —
 * there is deliberately no plaintext fallback.
 */
export interface SecretRef {
  connectionId: string;
  field: string;
}

export type KeychainStatus = { ok: true } | { ok: false; message: string };

export interface SecretStore {
  set(connectionId: string, field: string, value: string): Promise<void>;
  get(connectionId: string, field: string): Promise<string | null>;
  /** True when an entry was removed. */
  delete(connectionId: string, field: string): Promise<boolean>;
  listFields(connectionId: string): Promise<string[]>;
  listAll(): Promise<SecretRef[]>;
  /** Never throws: doctor and the startup report use it to explain the problem. */
  available(): Promise<KeychainStatus>;
}

/** account = `<connectionId>/<field>` (ARCHITECTURE.md). Connection ids never contain '/'. */
export function accountOf(connectionId: string, field: string): string {
  if (connectionId.includes('/') || !connectionId || !field) throw new Error('Invalid secret reference');
  return `${connectionId}/${field}`;
}

export function parseAccount(account: string): SecretRef | null {
  const slash = account.indexOf('/');
  if (slash <= 0 || slash === account.length - 1) return null;
  return { connectionId: account.slice(0, slash), field: account.slice(slash + 1) };
}
