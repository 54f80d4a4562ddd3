import { AppError } from '../../../shared/errors';

/** Keyset position: event time plus insertion sequence (ties on time are broken by seq). */
export interface Cursor {
  timeMs: number;
  seq: number;
}

/** Opaque to callers so the encoding can change without a contract change. */
export function encodeCursor(c: Cursor): string {
  return Buffer.from(`${c.timeMs}:${c.seq}`, 'utf8').toString('base64url');
}

export function decodeCursor(value: string, field = 'cursor'): Cursor {
  const m = /^(-?\d{1,16}):(\d{1,16})$/.exec(Buffer.from(value, 'base64url').toString('utf8'));
  if (!m)
    throw new AppError(
      'invalid_input',
      `Invalid ${field}: pass back a cursor returned by the previous page, unchanged.`,
      { field },
    );
  return { timeMs: Number(m[1]), seq: Number(m[2]) };
}
