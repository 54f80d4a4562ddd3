import { randomUUID } from 'node:crypto';

export const correlationId = (): string => randomUUID();

/** Absolute base URL as the client addressed us, for next-page links. */
export function baseUrl(headers: Record<string, string | string[] | undefined>): string {
  const host = headers.host;
  return `http://${Array.isArray(host) ? host[0] : (host ?? '127.0.0.1')}`;
}

export function bearer(auth: string | undefined): string | null {
  const m = /^Bearer\s+(.+)$/i.exec(auth ?? '');
  return m ? m[1]!.trim() : null;
}
