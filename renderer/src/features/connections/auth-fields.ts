import type { AuthKind, AuthSettings } from '../../../../shared/models/connection';

/** The non-secret settings the form shows for each auth kind, with labels a non-developer understands. */
export const AUTH_SETTING_FIELDS: Record<
  AuthKind,
  { key: keyof AuthSettings; label: string; placeholder?: string; options?: string[] }[]
> = {
  none: [],
  api_key_header: [
    { key: 'headerName', label: 'Header that carries the key', placeholder: 'X-API-Key' },
    { key: 'headerPrefix', label: 'Prefix before the key (optional)', placeholder: 'ApiKey ' },
  ],
  api_key_query: [{ key: 'queryParam', label: 'Query parameter that carries the key', placeholder: 'api_key' }],
  basic: [{ key: 'username', label: 'User name' }],
  bearer: [],
  oauth2_client_credentials: [
    { key: 'tokenUrl', label: 'Token URL', placeholder: 'https://auth.example.com/oauth/token' },
    { key: 'clientId', label: 'Client ID' },
    { key: 'scopes', label: 'Scopes (space separated, optional)' },
    { key: 'clientAuth', label: 'Send the client secret', options: ['basic', 'body'] },
  ],
  oauth2_authorization_code: [
    { key: 'authorizeUrl', label: 'Authorization URL', placeholder: 'https://auth.example.com/oauth/authorize' },
    { key: 'tokenUrl', label: 'Token URL' },
    { key: 'clientId', label: 'Client ID' },
    { key: 'scopes', label: 'Scopes (space separated, optional)' },
  ],
  hmac: [
    { key: 'signatureHeader', label: 'Signature header (optional)', placeholder: 'X-Signature' },
    { key: 'timestampHeader', label: 'Timestamp header (optional)', placeholder: 'X-Timestamp' },
    { key: 'keyIdHeader', label: 'Key id header (optional)' },
    { key: 'keyId', label: 'Key id (optional)' },
    { key: 'algorithm', label: 'Algorithm', options: ['sha256', 'sha512'] },
    { key: 'signatureEncoding', label: 'Signature encoding', options: ['hex', 'base64'] },
  ],
  wsse: [
    { key: 'username', label: 'User name' },
    { key: 'passwordType', label: 'Password type', options: ['PasswordDigest', 'PasswordText'] },
  ],
};

export const AUTH_KIND_LABELS: Record<AuthKind, string> = {
  none: 'No authentication',
  api_key_header: 'API key in a header',
  api_key_query: 'API key in the URL',
  basic: 'User name and password (Basic)',
  bearer: 'Access token (Bearer)',
  oauth2_client_credentials: 'OAuth2 client credentials',
  oauth2_authorization_code: 'OAuth2 sign-in in the browser',
  hmac: 'HMAC request signing',
  wsse: 'SOAP WS-Security user name token',
};

export const SECRET_LABELS: Record<string, string> = {
  apiKey: 'API key',
  password: 'Password',
  token: 'Access token',
  clientSecret: 'Client secret',
  refreshToken: 'Refresh token',
  signingSecret: 'Signing secret',
};
