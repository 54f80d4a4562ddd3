import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { SETTINGS_FILE } from './store';
import { errorMessage } from '../../../shared/error-message';

export interface RecoveryResult {
  /** Where the unreadable file was moved, when it was. */
  movedTo?: string;
  reason?: string;
}

/**
 * Before any store opens config.json, make sure it parses as a JSON object. A corrupt file is moved
 * aside to `config.json.corrupt-<timestamp>` (never deleted) so the app can start with defaults and
 * tell the user where their old file is.
 */
export function recoverCorruptSettings(dataDir: string, now: Date = new Date()): RecoveryResult {
  const file = join(dataDir, SETTINGS_FILE);
  if (!existsSync(file)) return {};
  let reason: string | undefined;
  try {
    const text = readFileSync(file, 'utf8');
    if (text.trim() === '') reason = 'the file is empty';
    else {
      const parsed: unknown = JSON.parse(text);
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
        reason = 'the file is not a JSON object';
    }
  } catch (error) {
    reason = `the file is not valid JSON (${errorMessage(error)})`;
  }
  if (!reason) return {};
  const movedTo = `${file}.corrupt-${now.toISOString().replace(/[:.]/g, '-')}`;
  renameSync(file, movedTo);
  return { movedTo, reason };
}
