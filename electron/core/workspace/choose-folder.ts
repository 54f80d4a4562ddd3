import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Asks the user for a workspace folder; resolves null when they cancel. The app passes a native dialog. */
export type ChooseFolder = (request: { purpose: 'export' | 'apply' }) => Promise<string | null> | string | null;

/** Without a window nobody can pick: an export goes to a fresh temp folder, and there is nothing to apply from. */
export const tempFolder: ChooseFolder = ({ purpose }) =>
  purpose === 'export' ? mkdtempSync(join(tmpdir(), 'patchbay-workspace-')) : null;
