import { z } from 'zod';
import {
  contract,
  isChannel,
  type Channel,
  type ChannelOutput,
  type ChannelParsedInput,
} from '../../../shared/contract';
import { AppError, describeZodIssues, type Result } from '../../../shared/errors';
import { FILE_WRITING_CHANNELS, type FileGrants } from './file-grants';
import { checkPayloadLimits } from './payload-limits';
import { storageError } from '../db/sqlite-errors';

export type Handler<C extends Channel> = (input: ChannelParsedInput<C>) => Promise<ChannelOutput<C>> | ChannelOutput<C>;
export type HandlerTable = { [C in Channel]: Handler<C> };

export interface DispatchOptions {
  /** Development builds check what handlers return against the contract. */
  validateOutput: boolean;
  /** Where rejected or failed calls are reported (the app event log). */
  onRejected?: (info: { channel: string; code: string; message: string }) => void;
  /** Set for untrusted callers (the renderer): file-writing channels accept only paths the user picked. */
  fileGrants?: FileGrants;
  /** Where a handler's unexpected exception goes (logged after redaction), since the caller only sees `internal`. */
  onUnexpected?: (channel: string, error: unknown) => void;
}

/**
 * The single path from an untrusted caller (renderer, e2e bridge, tests) to a handler:
 * unknown channel → `unknown_channel`; a payload too deep or too large to validate safely → `invalid_input`
 * naming the limit (./payload-limits.ts); payload failing the zod schema → `invalid_input` naming each
 * failing path; a handler's AppError passes through; anything else becomes `internal` with a
 * generic message so no stack or secret crosses the boundary. It never throws.
 */
export async function dispatch(
  table: HandlerTable,
  channel: unknown,
  payload: unknown,
  options: DispatchOptions,
): Promise<Result<unknown>> {
  const fail = (error: AppError): Result<unknown> => {
    options.onRejected?.({ channel: String(channel).slice(0, 100), code: error.code, message: error.message });
    return { ok: false, error: error.toJSON() };
  };
  if (!isChannel(channel)) {
    return fail(new AppError('unknown_channel', `Unknown channel "${String(channel).slice(0, 100)}".`));
  }
  try {
    checkPayloadLimits(channel, payload);
  } catch (error) {
    if (error instanceof AppError) return fail(error);
    throw error;
  }
  const spec = contract[channel];
  const parsed = (spec.input as z.ZodType).safeParse(payload);
  if (!parsed.success) {
    const { message, issues } = describeZodIssues(parsed.error);
    return fail(new AppError('invalid_input', `Invalid input for ${channel}: ${message}`, { channel, issues }));
  }
  if (options.fileGrants && FILE_WRITING_CHANNELS.has(channel)) {
    const path = (parsed.data as { path?: unknown }).path;
    if (typeof path !== 'string' || !options.fileGrants.consume(path, channel)) {
      return fail(
        new AppError(
          'forbidden_sender',
          `${channel} uses only a file chosen in the save dialog for it; choose where to save it again.`,
          { channel },
        ),
      );
    }
  }
  try {
    const handler = table[channel] as (input: unknown) => unknown;
    const value = await handler(parsed.data);
    if (options.validateOutput) {
      const checked = (spec.output as z.ZodType).safeParse(value);
      if (!checked.success) {
        const { message } = describeZodIssues(checked.error);
        return fail(new AppError('internal', `Handler for ${channel} returned data outside the contract: ${message}`));
      }
      return { ok: true, value: checked.data };
    }
    return { ok: true, value };
  } catch (error) {
    if (error instanceof AppError) return fail(error);
    // A full disk or a read-only data folder is the user's to fix: say so instead of "unexpected".
    const storage = storageError(error, 'Your data');
    if (storage) return fail(storage);
    options.onUnexpected?.(channel, error);
    // Unknown failures are logged by the caller with their detail; the renderer gets a safe message.
    return fail(new AppError('internal', `Unexpected error in ${channel}. Details are in the app log.`));
  }
}
