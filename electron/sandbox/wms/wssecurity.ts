import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * WS-Security UsernameToken (OASIS profile 1.0) check: PasswordText compares the password;
 * PasswordDigest = Base64(SHA-1(nonce bytes + Created + password)). Created must be within 5
 * minutes and a nonce is accepted once (the profile's replay defence).
 */
const TEXT = 'PasswordText';
const DIGEST = 'PasswordDigest';
const FRESHNESS_MS = 5 * 60_000;

export type WsseResult =
  { ok: true; username: string; type: 'PasswordText' | 'PasswordDigest' } | { ok: false; reason: string };

function text(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && '#text' in v) return String((v as Record<string, unknown>)['#text']);
  return undefined;
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export class UsernameTokenVerifier {
  private nonces = new Map<string, number>();
  constructor(private creds: { username: string; password: string }) {}

  verify(header: Record<string, unknown>, now = Date.now()): WsseResult {
    const sec = header.Security as Record<string, unknown> | undefined;
    const tok = sec?.UsernameToken as Record<string, unknown> | undefined;
    if (!tok) return { ok: false, reason: 'No WS-Security UsernameToken in the SOAP header' };
    const username = text(tok.Username) ?? '';
    const pw = tok.Password;
    const password = text(pw) ?? '';
    const typeAttr = pw && typeof pw === 'object' ? String((pw as Record<string, unknown>)['@_Type'] ?? '') : '';
    const type = typeAttr.endsWith(`#${DIGEST}`) ? DIGEST : TEXT;
    if (!same(username, this.creds.username))
      return { ok: false, reason: 'The security token could not be authenticated or authorized' };
    if (type === TEXT) {
      return same(password, this.creds.password)
        ? { ok: true, username, type }
        : { ok: false, reason: 'The security token could not be authenticated or authorized' };
    }
    const nonce = text(tok.Nonce) ?? '';
    const created = text(tok.Created) ?? '';
    const t = Date.parse(created);
    if (!nonce || !created || !Number.isFinite(t))
      return { ok: false, reason: 'PasswordDigest needs Nonce and Created' };
    if (Math.abs(now - t) > FRESHNESS_MS)
      return { ok: false, reason: 'The message has expired (Created is more than 5 minutes away)' };
    for (const [n, at] of this.nonces) if (now - at > FRESHNESS_MS) this.nonces.delete(n);
    if (this.nonces.has(nonce)) return { ok: false, reason: 'Nonce already used (replayed message)' };
    const expected = createHash('sha1')
      .update(
        Buffer.concat([
          Buffer.from(nonce, 'base64'),
          Buffer.from(created, 'utf8'),
          Buffer.from(this.creds.password, 'utf8'),
        ]),
      )
      .digest('base64');
    if (!same(password, expected))
      return { ok: false, reason: 'The security token could not be authenticated or authorized' };
    this.nonces.set(nonce, now);
    return { ok: true, username, type };
  }
}
