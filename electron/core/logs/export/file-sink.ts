import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import { AppError } from '../../../../shared/errors';

export type OpenStream = (path: string) => Writable;

export interface SinkOptions {
  /** Test seam: open something other than a file stream (e.g. one that fails like a full disk). */
  openStream?: OpenStream;
}

/** Backpressure-aware writer over a stream; rejects as soon as the stream errors. */
export class Sink {
  bytes = 0;
  private failure: Error | null = null;

  constructor(private readonly stream: Writable) {
    stream.on('error', (err) => {
      this.failure ??= err;
    });
  }

  async write(chunk: string | Buffer): Promise<void> {
    if (this.failure) throw this.failure;
    this.bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    if (!this.stream.write(chunk)) {
      await new Promise<void>((resolve, reject) => {
        const onDrain = () => {
          this.stream.off('error', onError);
          resolve();
        };
        const onError = (err: Error) => {
          this.stream.off('drain', onDrain);
          reject(err);
        };
        this.stream.once('drain', onDrain);
        this.stream.once('error', onError);
      });
    }
    if (this.failure) throw this.failure;
  }

  end(): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      this.stream.once('error', reject);
      this.stream.end(() => (this.failure ? reject(this.failure) : resolve()));
    });
  }

  destroy(): Promise<void> {
    return new Promise((resolve) => {
      if (this.stream.destroyed) return resolve();
      this.stream.once('close', () => resolve());
      this.stream.destroy();
      setTimeout(resolve, 100).unref();
    });
  }
}

/** Turn file-system errors into an actionable io_error naming the target, never leaking internals. */
export function ioError(err: unknown, target: string): AppError {
  if (err instanceof AppError) return err;
  const code = (err as NodeJS.ErrnoException)?.code;
  const reason =
    code === 'ENOSPC' || code === 'EDQUOT'
      ? 'the disk is full'
      : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
        ? 'the location is not writable'
        : code === 'ENOENT' || code === 'ENOTDIR'
          ? 'the folder does not exist'
          : code === 'EISDIR'
            ? 'the path is a folder'
            : `the write failed${code ? ` (${code})` : ''}`;
  return new AppError(
    'io_error',
    `Could not write ${target}: ${reason}. Nothing was saved; choose another location or free some space and retry.`,
    {
      path: target,
      ...(code ? { errno: code } : {}),
    },
  );
}

/**
 * Write a file through a temp sibling and rename it into place on success, so the target never
 * holds a partial export; on any error the temp file is removed and an io_error is thrown.
 */
export async function writeFileAtomically(
  target: string,
  produce: (sink: Sink) => Promise<void>,
  options: SinkOptions = {},
): Promise<number> {
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${Date.now()}.partial`);
  let sink: Sink | null = null;
  try {
    const stream = (options.openStream ?? ((p) => createWriteStream(p)))(temp);
    sink = new Sink(stream);
    await produce(sink);
    await sink.end();
    await rename(temp, target);
    return sink.bytes;
  } catch (err) {
    await sink?.destroy();
    await rm(temp, { force: true }).catch(() => undefined);
    throw ioError(err, target);
  }
}
