// Where Hookscope keeps its files by default: the OS app-data folder that Electron's app.getPath('userData') uses
// for productName "Hookscope", so the desktop app and `hookscope listen` share one store.
import os from 'node:os';
import path from 'node:path';

export const APP_FOLDER = 'Hookscope';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.HOOKSCOPE_DATA_DIR) return path.resolve(env.HOOKSCOPE_DATA_DIR);
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_FOLDER);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_FOLDER);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_FOLDER);
}
