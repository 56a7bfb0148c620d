// <data>/instance.json: which process serves this data folder's inspector API, and on which port, so a second
// command on the same folder (`hookscope replay`) goes through the running instance (its UI then sees what the
// command did) instead of opening the database beside it. Written by headless mode once its API listens, removed
// when it stops; a file left by a killed process is recognised by its dead pid and ignored.
import fs from 'node:fs';
import path from 'node:path';
import { isAlive } from './process-alive.js';

export const INSTANCE_FILE = 'instance.json';

export interface InstanceInfo {
  pid: number;
  apiPort: number;
  receiverPort: number;
  version: string;
  startedAt: string;
}

export function writeInstanceFile(dataDir: string, info: InstanceInfo): void {
  const file = path.join(dataDir, INSTANCE_FILE);
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(temp, file);
}

/** Removes the file if this process wrote it (a newer instance may have replaced it). */
export function removeInstanceFile(dataDir: string, pid = process.pid): void {
  const current = readInstanceFile(dataDir, { checkAlive: false });
  if (current?.pid === pid) fs.rmSync(path.join(dataDir, INSTANCE_FILE), { force: true });
}

/** The running instance of this folder, or null when none is (no file, an unreadable one, or a dead pid). */
export function readInstanceFile(dataDir: string, { checkAlive = true } = {}): InstanceInfo | null {
  let info: Partial<InstanceInfo>;
  try {
    info = JSON.parse(fs.readFileSync(path.join(dataDir, INSTANCE_FILE), 'utf8')) as Partial<InstanceInfo>;
  } catch {
    return null;
  }
  if (!Number.isInteger(info.pid) || !Number.isInteger(info.apiPort) || !Number.isInteger(info.receiverPort)) return null;
  if (checkAlive && !isAlive(info.pid!)) return null;
  return info as InstanceInfo;
}

