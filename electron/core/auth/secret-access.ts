import { AppError } from '../../../shared/errors';
import type { SecretStore } from '../secrets/types';

const LABELS: Record<string, string> = {
  apiKey: 'API key',
  password: 'password',
  token: 'access token',
  clientSecret: 'client secret',
  refreshToken: 'authorization (refresh token)',
  signingSecret: 'signing secret',
};

/** Read a secret the applier cannot work without; a typed, fixable error when it is gone. */
export async function requireSecret(store: SecretStore, connectionId: string, field: string): Promise<string> {
  const value = await store.get(connectionId, field);
  if (value === null || value === '') {
    throw new AppError(
      'secret_missing',
      `The ${LABELS[field] ?? field} of this connection is not in the OS keychain. Edit the connection and enter it again.`,
      { connectionId, field },
    );
  }
  return value;
}

/** Replace every known secret value in a text (provider messages may echo what we sent). */
export function maskSecrets(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const s of secrets) if (s && s.length >= 4) out = out.split(s).join('[REDACTED]');
  return out;
}
