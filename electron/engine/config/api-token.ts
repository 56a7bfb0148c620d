// <data>/api-token: the per-installation secret the local HTTP API asks of every caller (as Jupyter does): the
// inspector page gets it once through the printed URL and keeps it as an HttpOnly cookie; scripts read this 0600
// file and send `Authorization: Bearer <token>`. Any other process on the machine, or a web page in a browser, is
// refused. Made on first start, kept across starts so scripts and bookmarks keep working.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PRIVATE_FILE_MODE } from './private-files.js';

export const API_TOKEN_FILE = 'api-token';
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{32,128}$/;

export function apiTokenFile(dataDir: string): string {
  return path.join(dataDir, API_TOKEN_FILE);
}

/** The token of this data folder, made (0600) if there is none or the file holds no valid token. */
export function loadApiToken(dataDir: string): string {
  const saved = readSaved(apiTokenFile(dataDir));
  if (saved !== null) return saved;
  const file = apiTokenFile(dataDir);
  const token = randomBytes(32).toString('base64url');
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${token}\n`, { mode: PRIVATE_FILE_MODE });
  fs.renameSync(temp, file);
  return token;
}

/** The token a running instance of this folder wants, or null when the folder has none yet (or it cannot be read). */
export function readApiToken(dataDir: string): string | null {
  try {
    return readSaved(apiTokenFile(dataDir));
  } catch {
    return null;
  }
}

/** The valid token in `file`, or null when there is no file or no valid token in it; other read errors throw. */
function readSaved(file: string): string | null {
  try {
    const saved = fs.readFileSync(file, 'utf8').trim();
    return TOKEN_PATTERN.test(saved) ? saved : null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
