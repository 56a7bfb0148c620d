// Opening a data folder's config and database for a command that runs without a `hookscope listen` on it (replay,
// export, import, fixture): one place that says so clearly when --data names no Hookscope folder.
import fs from 'node:fs';
import path from 'node:path';
import { Config, ConfigError } from '../engine/config/config.js';
import { DATABASE_FILE, Store } from '../engine/store/store.js';

export interface FolderOptions {
  data: string;
  config?: string | undefined;
}

/** Runs `work` on the folder's config and store and closes the store after; `create` allows a new, empty one. */
export async function withFolderStore<T>(
  options: FolderOptions,
  work: (opened: { config: Config; store: Store }) => Promise<T>,
  create = false,
): Promise<T> {
  // Opening a Store creates an empty database; a mistyped --data should say so instead.
  if (!create && !fs.existsSync(path.join(options.data, DATABASE_FILE))) {
    throw new ConfigError(`no Hookscope database in ${path.resolve(options.data)} (pass the folder of \`listen\` with --data)`);
  }
  const config = Config.load({ dataDir: options.data, configFile: options.config });
  const store = new Store(options.data);
  try {
    return await work({ config, store });
  } finally {
    store.close();
  }
}
