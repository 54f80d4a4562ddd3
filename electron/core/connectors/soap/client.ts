import { AppError } from '../../../../shared/errors';
import { callError, type CallContext } from '../http/context';
import type { HttpRuntime } from '../http/runtime';
import { buildEnvelope, faultCodeOf, looksLikeFault, parseEnvelope, type ParsedEnvelope } from './envelope';
import { parseWsdl, type WsdlInfo } from './wsdl';

/**
 * SOAP over the one HTTP runtime. Why fast-xml-parser and not the `soap` package: `soap` owns its
 * transport (and its WSSecurity class wants the password in hand), so calls would bypass the
 * runtime's rate limiting, retries, redaction and CallEvents, and the runtime's rule that only the
 * AuthApplier touches credentials. Building a document/literal envelope is small; the WS-Security
 * applier injects its UsernameToken into the envelope's Header when the runtime applies auth.
 */
export class SoapClient {
  private wsdl?: Promise<WsdlInfo>;

  constructor(
    private readonly runtime: HttpRuntime,
    private readonly opts: { wsdlUrl: string; endpoint?: string; version?: '1.1' | '1.2'; connectorName?: string },
  ) {}

  describe(signal?: AbortSignal): Promise<WsdlInfo> {
    this.wsdl ??= this.runtime
      .request({
        method: 'GET',
        url: this.opts.wsdlUrl,
        headers: { accept: 'text/xml, application/xml' },
        operation: 'wsdl',
        signal,
      })
      .then((res) => parseWsdl(res.body.toString('utf8')));
    this.wsdl.catch(() => (this.wsdl = undefined)); // a failed fetch may be retried by the next call
    return this.wsdl;
  }

  /** Call an operation; resolves with the parsed Body (e.g. `{ ListItemsResponse: {…} }`). */
  async call(
    operation: string,
    args: Record<string, unknown>,
    opts: { signal?: AbortSignal; resource?: string; idempotent?: boolean } = {},
  ): Promise<Record<string, unknown>> {
    const info = await this.describe(opts.signal);
    const op = info.operations.get(operation);
    const endpoint = this.opts.endpoint ?? info.endpoint ?? this.opts.wsdlUrl.replace(/\?wsdl$/i, '');
    const ctx: CallContext = {
      connectorId: this.runtime.connectorId,
      connectorName: this.opts.connectorName,
      resource: opts.resource,
      operation,
      method: 'POST',
      target: new URL(endpoint).pathname,
    };
    if (!op) {
      throw new AppError(
        'invalid_definition',
        `${ctx.connectorName ?? ctx.connectorId}: the WSDL has no operation "${operation}" (it has: ${[...info.operations.keys()].join(', ')}).`,
        { operation },
      );
    }
    const version = this.opts.version ?? info.version;
    // Reads are safe to retry; writes only when the caller says so (e.g. keyed by a message id).
    const idempotent = opts.idempotent ?? /^(get|list|find|search|query|describe)/i.test(operation);
    const envelope = buildEnvelope(version, op.inputElement, op.inputNamespace, args);
    const headers: Record<string, string> =
      version === '1.2'
        ? {
            'content-type': `application/soap+xml; charset=utf-8; action="${op.soapAction}"`,
            accept: 'application/soap+xml, text/xml',
          }
        : { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${op.soapAction}"`, accept: 'text/xml' };
    const res = await this.runtime.request({
      method: 'POST',
      url: endpoint,
      headers,
      body: envelope,
      resource: opts.resource,
      operation,
      signal: opts.signal,
      idempotent,
      // A Client fault in a 500 is the server's final answer; a Server fault on a read is worth a retry,
      // and 429/503 faults are rate limits / outages for the runtime's retry policy.
      decode: (r) => {
        const env = parseEnvelope(r.body.toString('utf8'));
        // A cut-off envelope (no closing Body) is transient; the runtime retries reads.
        if (!env)
          throw callError(
            'bad_response',
            ctx,
            `returned a body that is not a complete SOAP envelope (HTTP ${r.status}).`,
            { status: r.status, transient: true },
          );
        return env;
      },
      acceptErrorBody: (status, body) =>
        status === 500 && looksLikeFault(body) && !(idempotent && /(^|:)(Server|Receiver)$/i.test(faultCodeOf(body))),
    });
    const parsed = res.data as ParsedEnvelope;
    if (parsed.fault) {
      const f = parsed.fault;
      throw callError('soap_fault', ctx, `SOAP fault ${f.faultcode}: ${f.faultstring}`, {
        status: res.status,
        faultcode: f.faultcode,
        faultstring: f.faultstring,
      });
    }
    return parsed.body;
  }
}
