import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

export interface SavePathRequest {
  suggestedName: string;
  filters?: { name: string; extensions: string[] }[];
}

/** Asks where to save a file; resolves null when the user cancels. The app passes a native dialog. */
export type ChooseSavePath = (request: SavePathRequest) => Promise<string | null> | string | null;

/**
 * Without a window (CLI, tests) there is nobody to ask: save under a fresh temp folder so two
 * exports never overwrite each other and nothing lands in the data folder by surprise.
 */
export const tempSavePath: ChooseSavePath = ({ suggestedName }) => {
  const dir = mkdtempSync(join(tmpdir(), 'patchbay-export-'));
  const name = basename(suggestedName).replace(/[^\w.\- ]+/g, '_') || 'export';
  return join(dir, name);
};
