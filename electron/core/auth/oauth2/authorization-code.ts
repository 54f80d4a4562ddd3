import { AppError } from '../../../../shared/errors';
import type { Connection } from '../../../../shared/models/connection';
import type { SecretStore } from '../../secrets/types';
import { requireSecret } from '../secret-access';
import type { AuthApplier, AuthDeps } from '../types';
import { isInvalidGrant, requestToken } from './token-client';
import { tokenApplier } from './token-source';

export function needsReauthorizationError(connectionId: string): AppError {
  return new AppError(
    'needs_reauthorization',
    'The service no longer accepts this connection’s authorization (it was revoked or expired). Open the connection and choose “Re-authorize” to sign in again.',
    { connectionId },
  );
}

/**
 * OAuth2 authorization code connection after the browser flow: access tokens come from the refresh
 * token stored in the keychain. A rotated refresh token replaces the stored one at once (the old one
 * is dead); invalid_grant means the user must sign in again.
 */
export function authorizationCodeApplier(c: Connection, store: SecretStore, deps: AuthDeps): AuthApplier {
  const s = c.authSettings;
  const known = new Set<string>();
  return tokenApplier(
    c.id,
    deps,
    async (signal) => {
      if (c.needsReauthorization) throw needsReauthorizationError(c.id);
      const refreshToken = await store.get(c.id, 'refreshToken');
      if (!refreshToken) throw needsReauthorizationError(c.id);
      known.add(refreshToken);
      const clientSecret = c.secrets.clientSecret ? await requireSecret(store, c.id, 'clientSecret') : undefined;
      if (clientSecret) known.add(clientSecret);
      try {
        const form: Record<string, string> = { grant_type: 'refresh_token', refresh_token: refreshToken };
        const t = await requestToken(
          {
            tokenUrl: s.tokenUrl!,
            clientId: s.clientId!,
            clientSecret,
            clientAuth: s.clientAuth,
            form,
            connectionId: c.id,
          },
          deps,
          signal,
        );
        if (t.refreshToken && t.refreshToken !== refreshToken) {
          known.add(t.refreshToken);
          await store.set(c.id, 'refreshToken', t.refreshToken);
          await deps.onSecretRotated?.(c.id, 'refreshToken', t.refreshToken);
        }
        return { accessToken: t.accessToken, expiresAt: t.expiresAt };
      } catch (error) {
        if (!isInvalidGrant(error)) throw error;
        await deps.onNeedsReauthorization?.(c.id);
        throw needsReauthorizationError(c.id);
      }
    },
    () => [...known],
  );
}
