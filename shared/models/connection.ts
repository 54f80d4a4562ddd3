import { z } from 'zod';

/**
 * A connection is one configured account of one tool ("Acme CRM — production").
 *
 * Everything in this file is NON-secret: it is what the settings file stores and what the renderer
 * receives. Secret values (API keys, passwords, client secrets, refresh tokens) live only in the OS
 * keychain; the model carries a marker per secret field ({ set: true, hint: '••••1234' }) whose
 * schema is too short to hold a real secret. Every object here is parsed with "strip" so an extra
 * property (say a stray `password`) can never ride along to the renderer.
 */

export const AUTH_KINDS = [
  'none',
  'api_key_header',
  'api_key_query',
  'basic',
  'bearer',
  'oauth2_client_credentials',
  'oauth2_authorization_code',
  'hmac',
  'wsse',
] as const;
export const AuthKind = z.enum(AUTH_KINDS);
export type AuthKind = z.infer<typeof AuthKind>;

/** Which keychain fields each auth kind uses; `userInput` ones are typed by the user, others obtained by a flow. */
export const SECRET_FIELDS: Record<AuthKind, { field: SecretField; required: boolean; userInput: boolean }[]> = {
  none: [],
  api_key_header: [{ field: 'apiKey', required: true, userInput: true }],
  api_key_query: [{ field: 'apiKey', required: true, userInput: true }],
  basic: [{ field: 'password', required: true, userInput: true }],
  bearer: [{ field: 'token', required: true, userInput: true }],
  oauth2_client_credentials: [{ field: 'clientSecret', required: true, userInput: true }],
  // Public desktop clients (RFC 8252) often have no secret; the refresh token comes from the browser flow.
  oauth2_authorization_code: [
    { field: 'clientSecret', required: false, userInput: true },
    { field: 'refreshToken', required: false, userInput: false },
  ],
  hmac: [{ field: 'signingSecret', required: true, userInput: true }],
  wsse: [{ field: 'password', required: true, userInput: true }],
};

export const SECRET_FIELD_NAMES = [
  'apiKey',
  'password',
  'token',
  'clientSecret',
  'refreshToken',
  'signingSecret',
] as const;
export const SecretField = z.enum(SECRET_FIELD_NAMES);
export type SecretField = z.infer<typeof SecretField>;

/** Non-secret settings, per kind (see REQUIRED_SETTINGS). One flat object keeps the wizard form simple. */
const headerName = z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/, 'Must be a valid HTTP header name');
const httpUrl = z.url({ protocol: /^https?$/, error: 'Must be a valid http(s) URL' });
export const AuthSettings = z.object({
  /** api_key_header: header that carries the key (e.g. X-API-Key). */
  headerName: headerName.optional(),
  /** api_key_header: optional prefix before the key, e.g. "ApiKey " (no secret). */
  headerPrefix: z.string().max(40).optional(),
  /** api_key_query: query parameter that carries the key. */
  queryParam: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,100}$/, 'Must be a simple query parameter name')
    .optional(),
  /** basic / wsse: the user name (not a secret). */
  username: z.string().min(1).max(200).optional(),
  /** oauth2_*: token endpoint. */
  tokenUrl: httpUrl.optional(),
  /** oauth2_authorization_code: authorization endpoint opened in the system browser. */
  authorizeUrl: httpUrl.optional(),
  clientId: z.string().min(1).max(500).optional(),
  scopes: z
    .array(z.string().regex(/^[\x21\x23-\x5B\x5D-\x7E]+$/, 'Invalid scope'))
    .max(100)
    .optional(),
  /** How the client secret is sent to the token endpoint (RFC 6749 §2.3.1). */
  clientAuth: z.enum(['basic', 'body']).optional(),
  /** hmac: header names and algorithm. */
  signatureHeader: headerName.optional(),
  timestampHeader: headerName.optional(),
  keyIdHeader: headerName.optional(),
  keyId: z.string().min(1).max(200).optional(),
  algorithm: z.enum(['sha256', 'sha512']).optional(),
  signatureEncoding: z.enum(['hex', 'base64']).optional(),
  /** wsse: digest (recommended) or plain text password in the UsernameToken. */
  passwordType: z.enum(['PasswordDigest', 'PasswordText']).optional(),
});
export type AuthSettings = z.infer<typeof AuthSettings>;

export const REQUIRED_SETTINGS: Record<AuthKind, (keyof AuthSettings)[]> = {
  none: [],
  api_key_header: ['headerName'],
  api_key_query: ['queryParam'],
  basic: ['username'],
  bearer: [],
  oauth2_client_credentials: ['tokenUrl', 'clientId'],
  oauth2_authorization_code: ['authorizeUrl', 'tokenUrl', 'clientId'],
  hmac: [],
  wsse: ['username'],
};

/** Sent on every call: `User-Agent: Patchbay/<version> (+<contact>)` plus an optional partner header. */
export const Integrator = z.object({
  contact: z.string().min(1).max(200),
  headerName: headerName.optional(),
  headerValue: z.string().max(200).optional(),
});
export type Integrator = z.infer<typeof Integrator>;

/** "Masked" marker: the only trace of a secret outside the keychain. 8 characters at most. */
export const SecretMarker = z.object({
  set: z.literal(true),
  hint: z.string().regex(/^••••[^\s]{0,4}$/u, 'Hint must be a mask like ••••1234'),
});
export type SecretMarker = z.infer<typeof SecretMarker>;

export const TEST_CATEGORIES = [
  'ok',
  'wrong_credentials',
  'wrong_url',
  'tls',
  'timeout',
  'rate_limited',
  'server_error',
  'unreachable',
] as const;
export const TestCategory = z.enum(TEST_CATEGORIES);
export type TestCategory = z.infer<typeof TestCategory>;

export const TestResult = z.object({
  ok: z.boolean(),
  category: TestCategory,
  /** Worded for a non-developer; never contains a secret (core masks known secret values). */
  message: z.string(),
  nextStep: z.string(),
  /** ISO 8601. */
  at: z.string(),
  waitSeconds: z.number().nonnegative().optional(),
  httpStatus: z.number().int().optional(),
});
export type TestResult = z.infer<typeof TestResult>;

/** RFC 9745 Deprecation / RFC 8594 Sunset seen on a response. */
export const ConnectionWarning = z.object({
  kind: z.enum(['deprecation', 'sunset']),
  /** ISO 8601 date announced by the API, when it gave one. */
  date: z.string().optional(),
  /** Link header with rel="deprecation"/"sunset", when given. */
  link: z.string().optional(),
  message: z.string(),
  seenAt: z.string(),
});
export type ConnectionWarning = z.infer<typeof ConnectionWarning>;

/** host or host:port, lower case, as in URL.host. */
const hostPattern = z
  .string()
  .regex(/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?$/, 'Must be a host name, optionally with :port')
  .transform((h) => h.toLowerCase());

/**
 * How fast this account may call its API, when it differs from the connector's defaults (Stripe's
 * live mode allows 100 requests/s, test mode 25): the runtime starts from it and still slows down on 429s.
 */
export const ConnectionRateSettings = z.object({
  requestsPerSecond: z.number().positive().max(10_000).optional(),
  maxConcurrency: z.number().int().positive().max(256).optional(),
});
export type ConnectionRateSettings = z.infer<typeof ConnectionRateSettings>;

/** The rate the last run settled on, kept so the next run starts there and the panel can say it. */
export const LearnedRate = z.object({
  requestsPerSecond: z.number().positive(),
  /** `learned`: from 429/503 answers; `headers`: the API stated it. */
  source: z.enum(['learned', 'headers']),
  at: z.string(),
});
export type LearnedRate = z.infer<typeof LearnedRate>;

/** Values of the connector's own settings: Xero's organisation (tenant id), Twilio's AccountSid. Not secrets. */
export const ConnectorSettingValues = z.record(z.string().min(1).max(100), z.string().max(500));

export const Connection = z.object({
  id: z.string().min(1),
  name: z.string().min(1).max(120),
  connectorId: z.string().min(1),
  baseUrl: httpUrl,
  authKind: AuthKind,
  authSettings: AuthSettings,
  integrator: Integrator,
  apiVersion: z.string().max(50).optional(),
  allowedHosts: z.array(hostPattern).min(1),
  createdAt: z.string(),
  updatedAt: z.string(),
  lastTest: TestResult.optional(),
  warnings: z.array(ConnectionWarning),
  needsReauthorization: z.boolean(),
  secrets: z.partialRecord(SecretField, SecretMarker),
  /**
   * Secret fields that workspace files said this connection needs, beyond what its auth kind
   * requires (an optional client secret): listed by `patchbay secrets missing` until set here.
   */
  declaredSecrets: z.array(SecretField).optional(),
  rateSettings: ConnectionRateSettings.optional(),
  learnedRate: LearnedRate.optional(),
  settings: ConnectorSettingValues.optional(),
});
export type Connection = z.infer<typeof Connection>;

/**
 * What the renderer (and CLI --json) receives. Identical to the stored model on purpose: the
 * stored model has no place for a secret, so neither does the view. Parse outgoing objects with it.
 */
export const ConnectionView = Connection;
export type ConnectionView = Connection;

/**
 * A secret as typed by the user: consumed by core, written to the keychain, never echoed.
 * Error messages below never quote the value.
 */
export const SECRET_MAX_BYTES = 8 * 1024;
export const SecretValue = z
  .string()
  .min(1, 'Must not be empty')
  .refine((s) => !/[\r\n]/.test(s), 'Must not contain line breaks (paste the secret on one line)')
  .refine((s) => new TextEncoder().encode(s).length <= SECRET_MAX_BYTES, `Must be at most ${SECRET_MAX_BYTES} bytes`);

/** zod 4 puts the offending key in the path, never the value. */
const SecretInputs = z.partialRecord(SecretField, SecretValue);
export type SecretInputs = z.infer<typeof SecretInputs>;

export const ConnectionCreateInput = z.object({
  name: z.string().trim().min(1, 'Required').max(120),
  connectorId: z.string().min(1, 'Required'),
  baseUrl: httpUrl,
  authKind: AuthKind,
  authSettings: AuthSettings.default({}),
  integrator: Integrator.optional(),
  apiVersion: z.string().max(50).optional(),
  /** Defaults to the base URL's host. */
  allowedHosts: z.array(hostPattern).optional(),
  settings: ConnectorSettingValues.optional(),
  secrets: SecretInputs.default({}),
});
export type ConnectionCreateInput = z.input<typeof ConnectionCreateInput>;

export const ConnectionUpdateInput = z.object({
  id: z.string().min(1),
  name: z.string().trim().min(1, 'Required').max(120).optional(),
  baseUrl: httpUrl.optional(),
  authKind: AuthKind.optional(),
  /** Replaces the settings object when given. */
  authSettings: AuthSettings.optional(),
  integrator: Integrator.optional(),
  apiVersion: z.string().max(50).nullable().optional(),
  allowedHosts: z.array(hostPattern).optional(),
  /** null clears them (back to the connector's defaults). */
  rateSettings: ConnectionRateSettings.nullable().optional(),
  /** Replaces the connector settings when given (the organisation chosen after sign-in). */
  settings: ConnectorSettingValues.optional(),
  /** Only the fields given are replaced; the others keep their keychain value. */
  secrets: SecretInputs.optional(),
});
export type ConnectionUpdateInput = z.input<typeof ConnectionUpdateInput>;

/** The mask shown for a secret: last 4 characters only when the secret is long enough to spare them. */
export function secretHint(value: string): string {
  const tail = value.length >= 16 ? value.slice(-4).replace(/\s/g, '') : '';
  return `••••${tail}`;
}

/** Whether a credential may be attached to a request for this URL (the connection's own hosts only). */
export function isAllowedHost(connection: Pick<Connection, 'allowedHosts'>, url: URL): boolean {
  const host = url.host.toLowerCase();
  return connection.allowedHosts.some((allowed) => allowed === host || allowed === url.hostname.toLowerCase());
}
