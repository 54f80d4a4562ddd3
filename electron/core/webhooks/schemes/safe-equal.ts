import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Constant-time string comparison. timingSafeEqual needs equal lengths; comparing lengths first
 * only leaks the signature length, which the scheme makes public anyway.
 */
export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a, 'utf8');
  const bb = Buffer.from(b, 'utf8');
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

export function hmacSha256(key: string | Buffer, data: string | Buffer, encoding: 'hex' | 'base64'): string {
  return createHmac('sha256', key).update(data).digest(encoding);
}
