import { AppError } from '../../../../shared/errors';
import { errorMessage } from '../../../../shared/error-message';
import { callError, type CallContext } from '../http/context';
import type { HttpRuntime } from '../http/runtime';
import { SoapFaultError, SoapService } from './codec';
import { faultCodeOf, looksLikeFault } from './envelope';

export interface SoapClientOptions {
  /** Where the WSDL is fetched from when the definition does not carry it (older definitions). */
  wsdlUrl?: string;
  /** The WSDL bundle an imported definition carries: no fetch at all. */
  bundle?: { root: string; documents: Record<string, string> };
  port?: string;
  connectorName?: string;
}

/**
 * SOAP over the one HTTP runtime: node-soap's WSDL model serializes and parses (see codec.ts), the
 * runtime sends, so every call gets the connection's rate limits, retries, redaction and call log,
 * and only the AuthApplier touches credentials (WS-Security goes into the envelope there).
 */
export class SoapClient {
  private service?: Promise<SoapService>;

  constructor(
    private readonly runtime: HttpRuntime,
    private readonly opts: SoapClientOptions,
  ) {}

  describe(signal?: AbortSignal): Promise<SoapService> {
    if (!this.service) {
      const { bundle, wsdlUrl } = this.opts;
      this.service = bundle
        ? SoapService.fromBundle(bundle)
        : SoapService.load(wsdlUrl!, async (url) => {
            const res = await this.runtime.request({
              method: 'GET',
              url,
              headers: { accept: 'text/xml, application/xml' },
              operation: 'wsdl',
              signal,
            });
            return res.body.toString('utf8');
          });
      this.service.catch(() => (this.service = undefined)); // a failed fetch may be retried by the next call
    }
    return this.service;
  }

  /**
   * Call an operation; resolves with `{ <output element>: value }` (e.g. `{ ListItemsResponse: {…} }`),
   * typed by the schema. `endpoint` overrides the WSDL's address (the connection's base URL + path).
   */
  async call(
    operation: string,
    args: Record<string, unknown>,
    opts: {
      signal?: AbortSignal;
      resource?: string;
      idempotent?: boolean;
      endpoint?: string;
      headers?: Record<string, unknown>;
    } = {},
  ): Promise<Record<string, unknown>> {
    const svc = await this.describe(opts.signal);
    const name = this.opts.connectorName ?? this.runtime.connectorId;
    let op;
    try {
      op = svc.operation(operation, this.opts.port);
    } catch (err) {
      throw new AppError('invalid_definition', `${name}: ${errorMessage(err)}`, { operation });
    }
    const endpoint = opts.endpoint ?? op.port.address ?? this.opts.wsdlUrl?.replace(/\?wsdl$/i, '');
    if (!endpoint)
      throw new AppError(
        'invalid_definition',
        `${name}: the WSDL gives no address for ${operation}; set the base URL.`,
      );
    const ctx: CallContext = {
      connectorId: this.runtime.connectorId,
      connectorName: this.opts.connectorName,
      resource: opts.resource,
      operation,
      method: 'POST',
      target: new URL(endpoint).pathname,
    };
    // Reads are safe to retry; writes only when the caller says so (e.g. keyed by a message id).
    const idempotent = opts.idempotent ?? /^(get|list|find|search|query|describe)/i.test(operation);
    const request = svc.buildRequest(operation, args, { port: this.opts.port, headers: opts.headers });
    const res = await this.runtime.request({
      method: 'POST',
      url: endpoint,
      headers: request.headers,
      body: request.envelope,
      resource: opts.resource,
      operation,
      signal: opts.signal,
      idempotent,
      decode: (r) => {
        const text = r.body.toString('utf8');
        const type = r.headers['content-type'] ?? '';
        if (/text\/html/i.test(type) || /^\s*(<!doctype html|<html[\s>])/i.test(text))
          throw callError(
            'bad_response',
            ctx,
            `answered an HTML page (HTTP ${r.status}) instead of a SOAP envelope: check the endpoint URL ${endpoint}.`,
            { status: r.status },
          );
        if (!text.trim())
          throw callError(
            'bad_response',
            ctx,
            `answered HTTP ${r.status} with an empty body instead of a SOAP envelope.`,
            {
              status: r.status,
            },
          );
        // A cut-off envelope (no closing Body) is transient; the runtime retries reads.
        if (!/<\/([\w.-]+:)?Body\s*>/.test(text))
          throw callError(
            'bad_response',
            ctx,
            `returned a body that is not a complete SOAP envelope (HTTP ${r.status}).`,
            {
              status: r.status,
              transient: true,
            },
          );
        return text;
      },
      // A Client fault in a 500 is the server's final answer; a Server fault on a read is worth a retry,
      // and 429/503 faults are rate limits / outages for the runtime's retry policy.
      acceptErrorBody: (status, body) =>
        status === 500 && looksLikeFault(body) && !(idempotent && /(^|:)(Server|Receiver)$/i.test(faultCodeOf(body))),
    });
    try {
      const value = svc.parseResponse(operation, res.data as string, { port: this.opts.port });
      return { [op.method.output?.$name ?? `${operation}Response`]: value };
    } catch (err) {
      if (err instanceof SoapFaultError)
        throw callError('soap_fault', ctx, `SOAP fault ${err.fault.code}: ${err.fault.reason}`, {
          ...err.details,
          status: res.status,
        });
      if (AppError.is(err)) throw callError(err.code, ctx, err.message, { ...err.details, status: res.status });
      throw err;
    }
  }
}
