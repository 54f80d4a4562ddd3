import { createHash, randomBytes } from 'node:crypto';
import type { Connection } from '../../../shared/models/connection';
import type { SecretStore } from '../secrets/types';
import { lazySecret } from './static-appliers';
import type { AuthDeps, OutgoingRequest, SoapAuthApplier } from './types';

const WSSE_NS = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';
const WSU_NS = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd';
const PROFILE = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0';
const B64 = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary';

const xmlEscape = (s: string) => s.replace(/[<>&'"]/g, (ch) => `&#${ch.charCodeAt(0)};`);

export interface UsernameTokenOptions {
  /** Add a wsu:Timestamp (Created, Expires) before the token: many servers require one. */
  timestamp?: { ttlSeconds: number };
  /** A nonce is always sent with a digest; with a text password only when asked (some servers reject it). */
  nonce?: boolean;
  /** wsu:Id attributes on the token and timestamp, for servers (and signatures) that reference them. */
  ids?: boolean;
}

const utcSeconds = (iso: string, plusSeconds = 0) =>
  new Date(Date.parse(iso) + plusSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** WS-Security UsernameToken (OASIS profile 1.0); digest = Base64(SHA-1(nonce + created + password)). */
export function usernameTokenXml(
  username: string,
  password: string,
  passwordType: 'PasswordDigest' | 'PasswordText',
  created: string,
  nonce: Buffer = randomBytes(16),
  opts: UsernameTokenOptions = { nonce: true },
): string {
  const pw =
    passwordType === 'PasswordDigest'
      ? createHash('sha1')
          .update(Buffer.concat([nonce, Buffer.from(created + password, 'utf8')]))
          .digest('base64')
      : xmlEscape(password);
  const withNonce = passwordType === 'PasswordDigest' || opts.nonce !== false;
  const ts = opts.timestamp
    ? `<wsu:Timestamp${opts.ids ? ` wsu:Id="Timestamp-${created}"` : ''}><wsu:Created>${created}</wsu:Created>` +
      `<wsu:Expires>${utcSeconds(created, opts.timestamp.ttlSeconds)}</wsu:Expires></wsu:Timestamp>`
    : '';
  return (
    `<wsse:Security xmlns:wsse="${WSSE_NS}" xmlns:wsu="${WSU_NS}">${ts}<wsse:UsernameToken${opts.ids ? ` wsu:Id="SecurityToken-${created}"` : ''}>` +
    `<wsse:Username>${xmlEscape(username)}</wsse:Username>` +
    `<wsse:Password Type="${PROFILE}#${passwordType}">${pw}</wsse:Password>` +
    (withNonce ? `<wsse:Nonce EncodingType="${B64}">${nonce.toString('base64')}</wsse:Nonce>` : '') +
    `<wsu:Created>${created}</wsu:Created></wsse:UsernameToken></wsse:Security>`
  );
}

/** A Security header with its password, digest and nonce masked: shown in the call log, never usable. */
export function redactSecurityHeader(envelope: string): string {
  return envelope.replace(
    /(<([\w.-]+:)?(Password|Nonce)(\s[^>]*)?>)[^<]*(<\/([\w.-]+:)?(Password|Nonce)>)/g,
    '$1[redacted]$5',
  );
}

/** Put the Security header into a SOAP envelope (creating <Header> when the envelope has none). */
export function injectSecurityHeader(envelope: string, security: string): string {
  const empty = /<([A-Za-z_][\w.-]*:)?Header(\s[^>]*)?\/>/.exec(envelope);
  if (empty) {
    const prefix = empty[1] ?? '';
    return (
      envelope.slice(0, empty.index) +
      `<${prefix}Header${empty[2] ?? ''}>${security}</${prefix}Header>` +
      envelope.slice(empty.index + empty[0].length)
    );
  }
  const header = /<([A-Za-z_][\w.-]*:)?Header(\s[^>]*)?>/.exec(envelope);
  if (header)
    return (
      envelope.slice(0, header.index + header[0].length) + security + envelope.slice(header.index + header[0].length)
    );
  const body = /<([A-Za-z_][\w.-]*:)?Body[\s/>]/.exec(envelope);
  if (!body) return envelope;
  const prefix = body[1] ?? '';
  return envelope.slice(0, body.index) + `<${prefix}Header>${security}</${prefix}Header>` + envelope.slice(body.index);
}

/**
 * The SOAP connector either lets this applier inject the header into the envelope it built
 * (apply), or asks for the credentials to configure its SOAP client (soapCredentials).
 */
export function wsseApplier(c: Connection, store: SecretStore, deps: AuthDeps): SoapAuthApplier {
  const password = lazySecret(store, c.id, 'password');
  const username = c.authSettings.username ?? '';
  const passwordType = c.authSettings.passwordType ?? 'PasswordDigest';
  const now = deps.now ?? Date.now;
  return {
    async apply(req: OutgoingRequest) {
      if (req.body === undefined) return;
      const body = typeof req.body === 'string' ? req.body : req.body.toString('utf8');
      if (!/Envelope[\s/>]/.test(body)) return;
      const created = new Date(now()).toISOString();
      req.body = injectSecurityHeader(body, usernameTokenXml(username, await password.get(), passwordType, created));
    },
    async soapCredentials() {
      return { username, password: await password.get(), passwordType };
    },
    secretValues: () => [...password.known],
    redactBody: redactSecurityHeader,
  };
}
