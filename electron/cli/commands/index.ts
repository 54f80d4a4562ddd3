import type { Command } from '../command';
import { appCommands } from './app';
import { connectionCommands } from './connections';

/** Every CLI command; feature slices append theirs. */
export const commands: Command[] = [...appCommands, ...connectionCommands];
