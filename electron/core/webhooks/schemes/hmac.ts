import type { VerificationScheme } from '../../../../shared/models/webhooks';
import { hmacSha256, safeEqual } from './safe-equal';
import { checkTolerance, header, type Scheme, type VerifyResult } from './types';

type HmacConfig = Extract<VerificationScheme, { kind: 'hmac' }>;

function parseTimestamp(value: string): number {
  return /^\d{1,12}$/.test(value) ? Number(value) * 1000 : Date.parse(value);
}

/** Generic HMAC-SHA256 of the raw body in a configurable header (GitHub-style "sha256=<hex>" via `prefix`). */
export function hmacScheme(config: HmacConfig): Scheme {
  return {
    verify(input): VerifyResult {
      const raw = header(input.headers, config.header);
      if (!raw) return { ok: false, reason: 'unsigned', message: `${config.header} header missing` };
      const value = raw.trim();
      const sig = config.prefix && value.startsWith(config.prefix) ? value.slice(config.prefix.length) : value;
      const expected = hmacSha256(input.secret, input.rawBody, config.encoding);
      // Hex is case-insensitive on the wire; base64 is not.
      const ok = config.encoding === 'hex' ? safeEqual(sig.toLowerCase(), expected) : safeEqual(sig, expected);
      if (!ok) return { ok: false, reason: 'bad_signature', message: `${config.header} does not match the body` };
      let timestampMs: number | undefined;
      if (config.timestampHeader) {
        const ts = header(input.headers, config.timestampHeader);
        if (!ts) return { ok: false, reason: 'unsigned', message: `${config.timestampHeader} header missing` };
        timestampMs = parseTimestamp(ts);
        const stale = checkTolerance(timestampMs, input);
        if (stale) return stale;
      }
      const eventId = config.idHeader ? header(input.headers, config.idHeader) : undefined;
      return { ok: true, eventId, timestampMs };
    },
    sign({ rawBody, secret, eventId, nowMs }) {
      const headers: Record<string, string> = {
        [config.header.toLowerCase()]: config.prefix + hmacSha256(secret, rawBody, config.encoding),
      };
      if (config.idHeader) headers[config.idHeader.toLowerCase()] = eventId;
      if (config.timestampHeader) headers[config.timestampHeader.toLowerCase()] = String(Math.floor(nowMs / 1000));
      return headers;
    },
  };
}
