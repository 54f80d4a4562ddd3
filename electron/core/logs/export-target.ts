import { statSync } from 'node:fs';
import { dirname, isAbsolute } from 'node:path';
import { AppError } from '../../../shared/errors';

/**
 * Check an export target before any work starts, so a typo'd or relative path fails with a clear
 * message instead of a file written somewhere unexpected (relative to the app's working folder).
 */
export function checkExportTarget(path: string): string {
  if (!isAbsolute(path)) {
    throw new AppError(
      'invalid_input',
      `Invalid export path "${path}": give an absolute path, e.g. /home/me/calls.har.`,
      { field: 'path' },
    );
  }
  const folder = dirname(path);
  const dir = statSync(folder, { throwIfNoEntry: false });
  if (!dir?.isDirectory()) {
    throw new AppError(
      'invalid_input',
      `Invalid export path: the folder ${folder} does not exist. Create it or choose another location.`,
      { field: 'path' },
    );
  }
  if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) {
    throw new AppError('invalid_input', `Invalid export path: ${path} is a folder. Give a file name inside it.`, {
      field: 'path',
    });
  }
  return path;
}
