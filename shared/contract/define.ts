import type { z } from 'zod';

/** One request/response channel: a zod schema for what the renderer sends and what main answers. */
export interface ChannelSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  /** One line for docs and `--help`. */
  summary: string;
}

export function channel<I extends z.ZodType, O extends z.ZodType>(
  input: I,
  output: O,
  summary: string,
): ChannelSpec<I, O> {
  return { input, output, summary };
}
