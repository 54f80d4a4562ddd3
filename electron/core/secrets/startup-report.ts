import { SECRET_FIELDS, type Connection } from '../../../shared/models/connection';
import type { KeychainStatus, SecretRef, SecretStore } from './types';

export interface SecretsReport {
  keychain: KeychainStatus;
  /** Keychain entries of our service whose connection no longer exists (e.g. a crash mid-remove). */
  orphans: SecretRef[];
  /** Secrets a connection needs (or claims to have) that the keychain does not hold. */
  missing: { connectionId: string; name: string; field: string }[];
}

/** Run at start (and by `patchbay doctor`): compares settings with what the keychain really holds. */
export async function secretsReport(connections: Connection[], store: SecretStore): Promise<SecretsReport> {
  const keychain = await store.available();
  if (!keychain.ok) return { keychain, orphans: [], missing: [] };
  const entries = await store.listAll();
  const ids = new Set(connections.map((c) => c.id));
  const held = new Set(entries.map((e) => `${e.connectionId}/${e.field}`));
  const orphans = entries.filter((e) => !ids.has(e.connectionId));
  const missing: SecretsReport['missing'] = [];
  for (const c of connections) {
    const expected = new Set<string>([...Object.keys(c.secrets), ...(c.declaredSecrets ?? [])]);
    for (const spec of SECRET_FIELDS[c.authKind]) if (spec.required) expected.add(spec.field);
    for (const field of expected)
      if (!held.has(`${c.id}/${field}`)) missing.push({ connectionId: c.id, name: c.name, field });
  }
  return { keychain, orphans, missing };
}
