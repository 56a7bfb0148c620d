// <data>/hookscope.lock: one running Hookscope (a `hookscope listen` or the desktop app's services) per data folder.
// Two on one folder would both write one database while neither's inspector saw the other's deliveries, so the
// second start is refused with who holds the folder and how to reach its inspector. The file is made whole and then
// linked into place (link fails when the name exists), so a reader never sees half of it; a lock whose process is
// gone (killed, crashed, machine restarted) is taken over. Short commands (export, import, replay) take no lock: they
// read it (runningInstance) to go through the holder's API, so its inspector sees what they did, when it serves one.
import fs from 'node:fs';
import path from 'node:path';
import { readApiToken } from './api-token.js';
import { PRIVATE_FILE_MODE } from './private-files.js';

export const LOCK_FILE = 'hookscope.lock';

export interface LockHolder {
  pid: number;
  /** What holds it: a `hookscope listen` or the desktop app. */
  kind: 'listen' | 'desktop';
  startedAt: string;
  /** The inspector's HTTP port once it listens; null for the desktop app (its window uses IPC) or before. */
  apiPort: number | null;
  /** The receiver's port once it listens; null before. */
  receiverPort: number | null;
  version: string;
}

/** A holder serving the inspector API: where a short command on the same folder sends its calls. */
export type RunningInstance = LockHolder & { apiPort: number };

export class FolderLockedError extends Error {
  override name = 'FolderLockedError';
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
    token: string | null,
  ) {
    super(describeHolder(dataDir, holder, token));
  }
}

export interface FolderLock {
  /** Records the ports once they listen, so a refused start can name the inspector and commands can reach it. */
  setPorts(ports: { apiPort: number | null; receiverPort: number }): void;
  /** Removes the lock if it is still this process's. */
  release(): void;
}

/** Takes the folder's lock or throws FolderLockedError naming the live holder. */
export function lockDataFolder(dataDir: string, holder: Pick<LockHolder, 'kind' | 'version'>, pid = process.pid): FolderLock {
  const file = path.join(dataDir, LOCK_FILE);
  let mine: LockHolder = { pid, startedAt: new Date().toISOString(), apiPort: null, receiverPort: null, ...holder };
  for (let attempt = 0; ; attempt++) {
    if (place(file, mine, 'link')) break;
    const current = readLock(file);
    if (current && current.pid !== pid && isAlive(current.pid)) throw new FolderLockedError(dataDir, current, readApiToken(dataDir));
    // Stale (its process is gone), unreadable, or left by this very pid: take it over, once.
    if (attempt > 0) throw new Error(`cannot take the lock ${file}: it keeps coming back`);
    fs.rmSync(file, { force: true });
  }
  return {
    setPorts(ports) {
      mine = { ...mine, ...ports };
      if (readLock(file)?.pid === pid) place(file, mine, 'replace');
    },
    release() {
      if (readLock(file)?.pid === pid) fs.rmSync(file, { force: true });
    },
  };
}

/** The live holder of the folder's lock, or null. */
export function lockHolder(dataDir: string): LockHolder | null {
  const current = readLock(path.join(dataDir, LOCK_FILE));
  return current && isAlive(current.pid) ? current : null;
}

/** The live holder of the folder when it serves the inspector API (a `hookscope listen`), else null. */
export function runningInstance(dataDir: string): RunningInstance | null {
  const holder = lockHolder(dataDir);
  return holder && holder.apiPort !== null ? (holder as RunningInstance) : null;
}

/** Writes the lock whole to a temp file, then links it in (fails if taken) or renames it over (replaces). */
function place(file: string, holder: LockHolder, how: 'link' | 'replace'): boolean {
  const temp = `${file}.${holder.pid}.${Date.now()}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify(holder, null, 2)}\n`, { mode: PRIVATE_FILE_MODE });
  try {
    if (how === 'replace') {
      fs.renameSync(temp, file);
      return true;
    }
    fs.linkSync(temp, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

function readLock(file: string): LockHolder | null {
  try {
    const value = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LockHolder>;
    if (!Number.isInteger(value.pid) || (value.kind !== 'listen' && value.kind !== 'desktop')) return null;
    const port = (value: unknown) => (Number.isInteger(value) ? (value as number) : null);
    return { pid: value.pid!, kind: value.kind, startedAt: String(value.startedAt ?? ''), apiPort: port(value.apiPort), receiverPort: port(value.receiverPort), version: String(value.version ?? '') };
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Who holds the folder and how to reach it, as one message. */
export function describeHolder(dataDir: string, holder: LockHolder, token: string | null): string {
  const since = holder.startedAt ? `, since ${holder.startedAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z')}` : '';
  const who = holder.kind === 'desktop' ? `the Hookscope desktop app (pid ${holder.pid}${since})` : `\`hookscope listen\` (pid ${holder.pid}${since})`;
  const reach =
    holder.kind === 'desktop'
      ? 'Its inspector is the Hookscope window: open it from the tray icon.'
      : holder.apiPort !== null
        ? `Its inspector: http://127.0.0.1:${holder.apiPort}/${token ? `?token=${token}` : ''}`
        : 'It is still starting; its inspector address appears in its terminal.';
  const stop = holder.kind === 'desktop' ? 'quit it (tray → Quit)' : `stop it (Ctrl-C in its terminal, or kill ${holder.pid})`;
  return `the data folder ${dataDir} is in use by ${who}. ${reach}\n  To run here instead, ${stop}; or pass another folder with --data <dir>.`;
}
