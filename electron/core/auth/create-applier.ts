import type { Connection } from '../../../shared/models/connection';
import type { SecretStore } from '../secrets/types';
import { hmacApplier } from './hmac';
import { authorizationCodeApplier } from './oauth2/authorization-code';
import { clientCredentialsApplier } from './oauth2/client-credentials';
import { apiKeyHeaderApplier, apiKeyQueryApplier, basicApplier, bearerApplier, noAuthApplier } from './static-appliers';
import type { AuthApplier, AuthDeps } from './types';
import { wsseApplier } from './wsse';

/** One applier per connection and run; the HTTP runtime calls it only for the connection's allowed hosts. */
export function createApplier(connection: Connection, secrets: SecretStore, deps: AuthDeps = {}): AuthApplier {
  switch (connection.authKind) {
    case 'none':
      return noAuthApplier();
    case 'api_key_header':
      return apiKeyHeaderApplier(connection, secrets);
    case 'api_key_query':
      return apiKeyQueryApplier(connection, secrets);
    case 'basic':
      return basicApplier(connection, secrets);
    case 'bearer':
      return bearerApplier(connection, secrets);
    case 'oauth2_client_credentials':
      return clientCredentialsApplier(connection, secrets, deps);
    case 'oauth2_authorization_code':
      return authorizationCodeApplier(connection, secrets, deps);
    case 'hmac':
      return hmacApplier(connection, secrets, deps);
    case 'wsse':
      return wsseApplier(connection, secrets, deps);
  }
}
