import type { ConnectorDefinitionInput } from '../../../../shared/models/connector';

/**
 * Generic REST: a template the user completes in the UI (or the OpenAPI importer fills in):
 * base URL, auth kind, and resources with their paths, pagination and record selectors.
 */
export const genericRestConnector: ConnectorDefinitionInput = {
  id: 'generic-rest',
  name: 'Generic REST',
  description: 'Any JSON REST API: configure base URL, auth and resources yourself, or import an OpenAPI 3 document.',
  logo: 'generic',
  followsApi: 'Any JSON-over-HTTP API you describe',
  baseUrlTemplate: '{baseUrl}',
  settings: [{ name: 'baseUrl', label: 'Base URL' }],
  authKinds: [
    'none',
    'api_key_header',
    'api_key_query',
    'basic',
    'bearer',
    'oauth2_client_credentials',
    'oauth2_authorization_code',
    'hmac',
  ],
  resources: [],
};
