// The data folder holds every payload (customers' phone numbers and messages), the signing secrets and the API
// token: it is the user's alone. The folder is 0700 and every file in it 0600, tightened at each start for folders
// made by older versions. SQLite gives its -wal and -shm files the database file's mode, so the database is created
// 0600 before SQLite first opens it. (On Windows the modes are not used; the folder sits in the user's profile.)
import fs from 'node:fs';
import path from 'node:path';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Raised for a data folder that cannot be used, with the remedy in the message. */
export class DataDirError extends Error {}

/** Creates (or tightens) the data folder and the files already in it. */
export function preparePrivateDataDir(dataDir: string): void {
  let stat: fs.Stats | null = null;
  try {
    stat = fs.statSync(dataDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw explain(error, dataDir);
  }
  if (stat && !stat.isDirectory()) {
    throw new DataDirError(`the data folder ${dataDir} is a file, not a folder; move it away or pass another folder with --data <dir>`);
  }
  try {
    if (!stat) makeFolders(dataDir);
    if (process.platform !== 'win32') tighten(dataDir);
  } catch (error) {
    throw explain(error, dataDir);
  }
}

/**
 * mkdir -p, one level at a time. Node's own recursive mkdir never returns on a file system that answers ENOENT for
 * a folder whose parent exists (under /proc it spins at full CPU), so a --data there hung start-up without a word.
 */
function makeFolders(dataDir: string): void {
  const missing: string[] = [];
  for (let folder = path.resolve(dataDir); !fs.existsSync(folder); folder = path.dirname(folder)) {
    missing.unshift(folder);
    if (path.dirname(folder) === folder) break;
  }
  for (const folder of missing) {
    try {
      fs.mkdirSync(folder, { mode: PRIVATE_DIR_MODE });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') continue;
      if (code === 'ENOENT' || code === 'EROFS' || code === 'ENOSPC') {
        const why = code === 'EROFS' ? 'the file system is read-only' : code === 'ENOSPC' ? 'the disk is full' : 'the file system there does not allow new folders';
        throw new DataDirError(`cannot create the data folder ${dataDir}: ${why} (${code} at ${folder}); pass another folder with --data <dir>`);
      }
      throw error;
    }
  }
}

function tighten(dataDir: string): void {
  if ((fs.statSync(dataDir).mode & 0o777) !== PRIVATE_DIR_MODE) fs.chmodSync(dataDir, PRIVATE_DIR_MODE);
  for (const entry of fs.readdirSync(dataDir, { withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(dataDir, entry.name);
    if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, PRIVATE_FILE_MODE);
  }
}

/** Creates `file` empty with mode 0600 when it does not exist yet. */
export function createPrivateFile(file: string): void {
  try {
    fs.closeSync(fs.openSync(file, fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_WRONLY, PRIVATE_FILE_MODE));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

function explain(error: unknown, dataDir: string): Error {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') {
    return new DataDirError(`cannot use the data folder ${dataDir}: permission denied; fix its owner and mode, or pass another folder with --data <dir>`);
  }
  if (code === 'EROFS') {
    return new DataDirError(`cannot use the data folder ${dataDir}: the file system is read-only; pass another folder with --data <dir>`);
  }
  if (code === 'ENOTDIR') {
    return new DataDirError(`cannot create the data folder ${dataDir}: a part of the path is a file; pass another folder with --data <dir>`);
  }
  return error instanceof Error ? error : new Error(String(error));
}
