import type { PatchbayApi } from '../../shared/contract/bridge';
import type { AppErrorShape, Result } from '../../shared/errors';
import { errorMessage } from '../../shared/error-message';

declare global {
  interface Window {
    patchbay: PatchbayApi;
  }
}

/** The typed bridge the preload (or the e2e harness) installs. Stores talk to main only through it. */
export const api: PatchbayApi = window.patchbay;

/** A failed call, with the contract's error code for the UI to react on. */
export class ApiError extends Error {
  readonly code: AppErrorShape['code'];
  readonly details?: Record<string, unknown>;
  constructor(shape: AppErrorShape) {
    super(shape.message);
    this.code = shape.code;
    this.details = shape.details;
  }
}

/** Turn a channel's Result into its value, or throw ApiError. */
export async function unwrap<T>(pending: Promise<Result<T>>): Promise<T> {
  const result = await pending;
  if (!result.ok) throw new ApiError(result.error);
  return result.value;
}

export { errorMessage };
