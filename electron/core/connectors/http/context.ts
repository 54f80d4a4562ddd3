import { AppError, type ErrorCode } from '../../../../shared/errors';

/** Who made a call, so every error names connector, resource and request. */
export interface CallContext {
  connectorId: string;
  connectorName?: string;
  resource?: string;
  operation?: string;
  method: string;
  /** Path and query only, secrets already removed by the caller. */
  target: string;
}

export function describeCall(ctx: CallContext): string {
  const who = ctx.connectorName ?? ctx.connectorId;
  const what = ctx.resource ? ` ${ctx.resource}${ctx.operation ? `.${ctx.operation}` : ''}` : '';
  return `${who}${what} (${ctx.method} ${ctx.target})`;
}

export function callError(
  code: ErrorCode,
  ctx: CallContext,
  problem: string,
  extra: Record<string, unknown> = {},
): AppError {
  return new AppError(code, `${describeCall(ctx)}: ${problem}`, {
    connectorId: ctx.connectorId,
    resource: ctx.resource,
    operation: ctx.operation,
    request: `${ctx.method} ${ctx.target}`,
    ...extra,
  });
}
