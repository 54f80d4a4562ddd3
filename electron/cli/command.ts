import type { ParseArgsConfig } from 'node:util';
import type { Core } from '../core/create-core';
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/contract';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface CommandArgs {
  positionals: string[];
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
}

export interface CommandContext {
  dataDir: string;
  json: boolean;
  /** Builds the core on first use (commands like --version never touch the data folder). */
  core(): Promise<Core>;
  /** Calls a contract channel through the same dispatcher the window uses (same validation, same errors). */
  call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
  out(text: string): void;
  err(text: string): void;
  readStdin(): Promise<string>;
}

export interface Command {
  /** Words after `patchbay`, e.g. ['connections', 'list']. */
  path: string[];
  summary: string;
  /** Usage line after the command words, e.g. '<sync> [--dry-run]'. */
  usage?: string;
  options?: OptionSpec;
  /** Extra help text. */
  help?: string;
  run(args: CommandArgs, ctx: CommandContext): Promise<number | void>;
}
