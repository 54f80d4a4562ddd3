/**
 * The one rule for "does this name hold a secret?": the call log's redactor asks it for every JSON
 * key, form or query parameter, XML element and header it meets, so a credential is masked by its
 * name even when its value was never registered as a secret.
 */

// `auth` alone or as a word part (x-auth-token), but not `author`.
const SECRET_WORD =
  /(token|secret|passw(or)?d|passwd|api[-_]?key|apikey|(^|[-_])auth($|[-_])|authori[sz]ation|session|signature|credential|private[-_]?key|cookie)/i;

// Names that mention a secret word but describe it instead of holding it: token_type, expires_in,
// token_url, refresh_count, session_expires, credential_type…
const DESCRIBES_A_SECRET = /(_at|_in|type|_url|uri|count|expires)$/i;

const SECRET_PARAMS = new Set([
  'api_key',
  'apikey',
  'key',
  'token',
  'access_token',
  'refresh_token',
  'id_token',
  'secret',
  'client_secret',
  'signature',
  'sig',
  'password',
  'passwd',
  'pwd',
  'code',
  'auth',
  'session',
  'sessionid',
  'x-amz-signature',
  'x-amz-credential',
  'x-amz-security-token',
]);

// In a URL or a form body `key` is an API key and `code` an OAuth authorization code; as a JSON
// or XML field they are mostly an error code or a lookup key, so there they are left readable.
const ONLY_AS_PARAM = new Set(['key', 'code']);

const SECRET_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'x-shopify-access-token',
  'x-auth-token',
  'x-csrf-token',
  'x-amz-security-token',
]);
// Header names that merely mention auth but carry no credential (rate limits, content negotiation).
const SAFE_HEADER = /^(x-)?(rate-?limit|ratelimit)|^content-|^accept|^www-authenticate$/i;

/** Where a name was met: a URL query / form parameter, or a field of a JSON or XML document. */
export type NamePlace = 'param' | 'field';

export function isSecretName(name: string, place: NamePlace): boolean {
  const n = name.toLowerCase();
  if (SECRET_PARAMS.has(n)) return place === 'param' || !ONLY_AS_PARAM.has(n);
  return SECRET_WORD.test(n) && !DESCRIBES_A_SECRET.test(n);
}

export function isSecretHeader(name: string): boolean {
  const n = name.toLowerCase();
  if (SECRET_HEADERS.has(n)) return true;
  if (SAFE_HEADER.test(n)) return false;
  return SECRET_WORD.test(n);
}
