import { createHash, createHmac } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { same } from './http-util';

/**
 * Independent re-implementations of each scheme's server side. They are written from the spec, not
 * by calling the client code, so a bug in an applier cannot "verify itself".
 */
export type Verdict = { ok: true; who: string } | { ok: false; reason: string };
const fail = (reason: string): Verdict => ({ ok: false, reason });

export function verifyApiKeyHeader(req: IncomingMessage, header: string, key: string): Verdict {
  const v = req.headers[header.toLowerCase()];
  return same(Array.isArray(v) ? v[0] : v, key)
    ? { ok: true, who: 'api-key' }
    : fail(v ? 'wrong key' : `missing ${header}`);
}

export function verifyApiKeyQuery(url: URL, param: string, key: string): Verdict {
  const v = url.searchParams.get(param);
  return same(v, key) ? { ok: true, who: 'api-key' } : fail(v ? 'wrong key' : `missing ?${param}`);
}

export function verifyBasic(req: IncomingMessage, username: string, password: string): Verdict {
  const m = /^Basic ([A-Za-z0-9+/=]+)$/.exec(req.headers.authorization ?? '');
  if (!m) return fail('missing Basic credentials');
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon > 0 && same(decoded.slice(0, colon), username) && same(decoded.slice(colon + 1), password)
    ? { ok: true, who: username }
    : fail('wrong user name or password');
}

export function bearerOf(req: IncomingMessage): string | undefined {
  return /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
}

export interface HmacSpec {
  secret: string;
  signatureHeader: string;
  timestampHeader: string;
  algorithm: 'sha256' | 'sha512';
  encoding: 'hex' | 'base64';
  maxSkewSeconds: number;
}

export function verifyHmac(req: IncomingMessage, url: URL, body: Buffer, spec: HmacSpec, nowMs: number): Verdict {
  const ts = req.headers[spec.timestampHeader.toLowerCase()];
  const sig = req.headers[spec.signatureHeader.toLowerCase()];
  if (typeof ts !== 'string' || typeof sig !== 'string') return fail('missing signature headers');
  if (!/^\d+$/.test(ts) || Math.abs(nowMs / 1000 - Number(ts)) > spec.maxSkewSeconds)
    return fail('timestamp outside the allowed window');
  const canonical = `${req.method}\n${url.pathname}${url.search}\n${ts}\n${createHash('sha256').update(body).digest('hex')}`;
  const expected = createHmac(spec.algorithm, spec.secret).update(canonical).digest(spec.encoding);
  return same(sig, expected) ? { ok: true, who: 'hmac' } : fail('signature mismatch');
}

const tag = (xml: string, name: string) =>
  new RegExp(`<(?:\\w+:)?${name}\\b([^>]*)>([^<]*)</(?:\\w+:)?${name}>`).exec(xml);
const unescape = (s: string) =>
  s
    .replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** WS-Security UsernameToken: PasswordDigest = Base64(SHA-1(nonce + created + password)), or PasswordText. */
export function verifyWsse(
  envelope: string,
  username: string,
  password: string,
  nowMs: number,
  seenNonces: Set<string>,
): Verdict {
  const security = /<(?:\w+:)?Security\b[\s\S]*?<\/(?:\w+:)?Security>/.exec(envelope)?.[0];
  if (!security) return fail('no wsse:Security header');
  const user = tag(security, 'Username');
  const pw = tag(security, 'Password');
  if (!user || !pw) return fail('incomplete UsernameToken');
  if (!same(unescape(user[2]), username)) return fail('unknown user');
  if (/#PasswordText"/.test(pw[1]))
    return same(unescape(pw[2]), password) ? { ok: true, who: username } : fail('wrong password');
  const nonce = tag(security, 'Nonce')?.[2];
  const created = tag(security, 'Created')?.[2];
  if (!nonce || !created) return fail('digest without Nonce/Created');
  if (Math.abs(nowMs - Date.parse(created)) > 5 * 60_000) return fail('Created outside the allowed window');
  if (seenNonces.has(nonce)) return fail('replayed nonce');
  const digest = createHash('sha1')
    .update(Buffer.concat([Buffer.from(nonce, 'base64'), Buffer.from(created + password, 'utf8')]))
    .digest('base64');
  if (!same(pw[2], digest)) return fail('wrong password digest');
  seenNonces.add(nonce);
  return { ok: true, who: username };
}
