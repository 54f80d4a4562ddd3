import type { AppError } from '../../../../shared/errors';
import { callError, type CallContext } from '../http/context';
import type { RuntimeResponse } from '../http/types';
import { looksLikeFault } from './envelope';

const EXCERPT_CHARS = 160;

/**
 * 5xx answers SOAP reads itself instead of leaving them to the runtime's generic "HTTP 500": a Fault in a 500 is
 * the server's answer, and an HTML or empty 500 deserves a message saying so. 503 (and 429) stay with the runtime,
 * which honours their Retry-After.
 */
export function soapTakesStatus(status: number): boolean {
  return status >= 500 && status !== 503;
}

/** A Server/Receiver fault blames the server (may pass), Client/Sender blames the request (will not). */
export function isServerFaultCode(code: string): boolean {
  return /(^|[:.])(Server|Receiver)(\.|$)/i.test(code);
}

/** What came back, cut short and with the connection's secrets masked, fit to quote in an error message. */
export function bodyExcerpt(text: string, redact: (s: string) => string): string {
  const html = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1] ?? /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(text)?.[1];
  const plain = (html ?? text.replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/gi, ''))
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const masked = redact(plain);
  return masked.length > EXCERPT_CHARS ? `${masked.slice(0, EXCERPT_CHARS)}…` : masked;
}

/**
 * Check that a response is a SOAP envelope before node-soap parses it, so an HTML page, an empty 500 or a JSON
 * body becomes a clear error naming the call and what came back. Errors marked `transient` are repeated by the
 * runtime on reads; `retryable` tells later callers (sync, outbox, webhooks) whether trying again can help.
 */
export function checkSoapAnswer(
  r: RuntimeResponse,
  ctx: CallContext,
  endpoint: string,
  redact: (s: string) => string,
): string {
  const text = r.body.toString('utf8');
  const type = r.headers['content-type'] ?? '';
  const status = r.status;
  const server = status >= 500;
  const fail = (problem: string, retryable: boolean, extra: Record<string, unknown> = {}): AppError =>
    callError(server ? 'server_error' : 'bad_response', ctx, problem, {
      status,
      contentType: type || undefined,
      retryable,
      transient: retryable,
      ...extra,
    });
  if (!text.trim()) throw fail(`answered HTTP ${status} with an empty body instead of a SOAP envelope.`, server);
  if (/text\/html/i.test(type) || /^\s*(<!doctype html|<html[\s>])/i.test(text))
    throw fail(
      `answered an HTML page (HTTP ${status}) instead of a SOAP envelope: "${bodyExcerpt(text, redact)}".` +
        (server ? ' The service may be having trouble; try again later.' : ` Check the endpoint URL ${endpoint}.`),
      server,
    );
  if (!/^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<([\w.-]+:)?Envelope[\s>]/.test(text))
    throw fail(
      `answered HTTP ${status} (${type || 'no content type'}) with a body that is not a SOAP envelope: ` +
        `"${bodyExcerpt(text, redact)}".`,
      server,
    );
  // A cut-off envelope (no closing Body) is a transport accident: reads are repeated.
  if (!/<\/([\w.-]+:)?Body\s*>/.test(text))
    throw callError('bad_response', ctx, `returned a SOAP envelope cut short (HTTP ${status}).`, {
      status,
      retryable: true,
      transient: true,
    });
  if (server && !looksLikeFault(r.body))
    throw fail(`answered HTTP ${status} with a SOAP envelope that carries no Fault.`, true);
  return text;
}
