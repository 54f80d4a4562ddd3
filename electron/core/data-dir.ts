import { homedir } from 'node:os';
import { join } from 'node:path';
import { APP_NAME } from './version';

/** The same folder Electron's app.getPath('userData') gives the app, so the CLI sees the app's data. */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (env.PATCHBAY_DATA_DIR) return env.PATCHBAY_DATA_DIR;
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_NAME);
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_NAME);
}
