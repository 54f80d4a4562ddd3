import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * The checks that make a page served on 127.0.0.1 as private as the Electron window (see
 * docs/browser-mode.md for the threat model). Pure functions over a request's headers, so each rule
 * is tested on its own and the server applies all of them to every request.
 */

/** 256 bits from the OS CSPRNG, URL-safe: the per-launch secret that opens the app. */
export function newLaunchToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Constant-time comparison: both sides are hashed first, so neither the length nor the first
 * differing byte of a guess changes how long the comparison takes.
 */
export function tokensEqual(candidate: string | undefined, expected: string): boolean {
  if (typeof candidate !== 'string' || candidate.length === 0) return false;
  const a = createHash('sha256').update(candidate).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * The cookie is named after the port: cookies are shared by every port of a host, and two
 * launches (or another local app) must not overwrite each other's.
 */
export function cookieName(port: number): string {
  return `patchbay_session_${port}`;
}

export function sessionCookie(port: number, token: string): string {
  return `${cookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** The only Host values we answer (DNS rebinding: a foreign name pointing at 127.0.0.1 is refused). */
export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

export function allowedOrigins(port: number): Set<string> {
  return new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
}

export type Refusal = { status: number; message: string };

/**
 * Host and cross-site checks applied to every request before anything else (static files included).
 * A request that says where it comes from must come from our own origin; a navigation or
 * sub-resource request marked cross-site by the browser is refused even without an Origin header.
 * `requireOrigin` is set for calls and the event stream: there, a missing Origin is refused too.
 */
export function checkRequestSource(req: IncomingMessage, port: number, requireOrigin: boolean): Refusal | undefined {
  const host = req.headers.host;
  if (!host || !allowedHosts(port).has(host.toLowerCase()))
    return { status: 421, message: `This server answers only http://127.0.0.1:${port} (Host "${host ?? ''}").` };
  const origin = req.headers.origin;
  if (origin !== undefined && !allowedOrigins(port).has(origin))
    return {
      status: 403,
      message: `Requests from ${origin.slice(0, 100)} are refused: only the Patchbay page may call.`,
    };
  if (requireOrigin && origin === undefined)
    return { status: 403, message: 'Calls must come from the Patchbay page (no Origin header).' };
  const site = req.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site')
    return { status: 403, message: 'Cross-site requests are refused.' };
  return undefined;
}

/** Content-Security-Policy of every response: the Electron shell's, with this server as the only connection. */
export function contentSecurityPolicy(): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** Headers on every response: no framing, no sniffing, no referrer (the address never leaks), no caching, no CORS. */
export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  };
}
