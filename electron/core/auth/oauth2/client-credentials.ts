import type { Connection } from '../../../../shared/models/connection';
import type { SecretStore } from '../../secrets/types';
import { lazySecret } from '../static-appliers';
import type { AuthApplier, AuthDeps } from '../types';
import { requestToken } from './token-client';
import { tokenApplier } from './token-source';

/** OAuth2 client credentials grant (RFC 6749 §4.4): machine-to-machine, no user in the loop. */
export function clientCredentialsApplier(c: Connection, store: SecretStore, deps: AuthDeps): AuthApplier {
  const secret = lazySecret(store, c.id, 'clientSecret');
  const s = c.authSettings;
  return tokenApplier(
    c.id,
    deps,
    async (signal) => {
      const form: Record<string, string> = { grant_type: 'client_credentials' };
      if (s.scopes?.length) form.scope = s.scopes.join(' ');
      const t = await requestToken(
        {
          tokenUrl: s.tokenUrl!,
          clientId: s.clientId!,
          clientSecret: await secret.get(),
          clientAuth: s.clientAuth,
          form,
          connectionId: c.id,
        },
        deps,
        signal,
      );
      return { accessToken: t.accessToken, expiresAt: t.expiresAt };
    },
    () => [...secret.known],
  );
}
