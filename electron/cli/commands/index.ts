import type { Command } from '../command';
import { appCommands } from './app';

/** Every CLI command; feature slices append theirs. */
export const commands: Command[] = [...appCommands];
