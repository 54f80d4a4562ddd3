import { AppError } from '../../../../shared/errors';
import { errorMessage } from '../../../../shared/error-message';
import { callError, type CallContext } from '../http/context';
import type { HttpRuntime } from '../http/runtime';
import { SoapFaultError, SoapService } from './codec';
import { checkSoapAnswer, isServerFaultCode, soapTakesStatus } from './answer';

export interface SoapClientOptions {
  /** Where the WSDL is fetched from when the definition does not carry it (older definitions). */
  wsdlUrl?: string;
  /** The WSDL bundle an imported definition carries: no fetch at all. */
  bundle?: { root: string; documents: Record<string, string> };
  port?: string;
  connectorName?: string;
  /** Masks the connection's secrets in text quoted from an answer into an error message. */
  redact?: (text: string) => string;
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
    const redact = this.opts.redact ?? ((s: string) => s);
    try {
      const res = await this.runtime.request({
        method: 'POST',
        url: endpoint,
        headers: request.headers,
        body: request.envelope,
        resource: opts.resource,
        operation,
        signal: opts.signal,
        idempotent,
        acceptErrorBody: soapTakesStatus,
        decode: (r) => {
          const text = checkSoapAnswer(r, ctx, endpoint, redact);
          try {
            return svc.parseResponse(operation, text, { port: this.opts.port });
          } catch (err) {
            throw typedParseError(err, ctx, r.status);
          }
        },
      });
      return { [op.method.output?.$name ?? `${operation}Response`]: res.data };
    } catch (err) {
      // Errors the runtime raised itself (timeouts, network, 503, 429) say too whether trying again can help.
      if (AppError.is(err) && err.details && err.details.retryable === undefined)
        err.details.retryable = RETRYABLE_CODES.has(err.code);
      throw err;
    }
  }
}

const RETRYABLE_CODES = new Set(['timeout', 'network', 'server_error', 'rate_limited']);

/** A Fault or an unreadable envelope, named after the call; a Server/Receiver fault may pass, so reads repeat it. */
function typedParseError(err: unknown, ctx: CallContext, status: number): unknown {
  if (err instanceof SoapFaultError) {
    const serverSide = isServerFaultCode(err.fault.code);
    return callError('soap_fault', ctx, `SOAP fault ${err.fault.code}: ${err.fault.reason || '(no reason given)'}`, {
      ...err.details,
      status,
      retryable: serverSide,
      transient: serverSide,
    });
  }
  if (AppError.is(err)) return callError(err.code, ctx, err.message, { ...err.details, status, retryable: false });
  return err;
}
