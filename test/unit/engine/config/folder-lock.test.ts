// The data folder's lock: one holder at a time, the refusal names it and its inspector, a dead holder's lock is
// taken over, and a release removes only this process's own lock.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FolderLockedError, LOCK_FILE, lockDataFolder, lockHolder, runningInstance } from '../../../../electron/engine/config/folder-lock.js';
import { loadApiToken } from '../../../../electron/engine/config/api-token.js';
import { testFolder } from '../../../support/hookscope-harness.js';

/** A pid that was a process a moment ago and is no longer. */
function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
}

describe('data folder lock', () => {
  it('refuses a second holder, naming the first and its inspector with the token', () => {
    const dir = testFolder();
    const token = loadApiToken(dir);
    // The parent of this test stands in for another live process holding the folder.
    const first = lockDataFolder(dir, { kind: 'listen', version: '0.1.0' }, process.ppid);
    first.setPorts({ apiPort: 4555, receiverPort: 8787 });
    let refused: unknown;
    try {
      lockDataFolder(dir, { kind: 'listen', version: '0.1.0' });
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(FolderLockedError);
    const message = (refused as Error).message;
    expect(message).toContain(`the data folder ${dir} is in use by \`hookscope listen\` (pid ${process.ppid}, since `);
    expect(message).toContain(`Its inspector: http://127.0.0.1:4555/?token=${token}`);
    expect(message).toContain(`stop it (Ctrl-C in its terminal, or kill ${process.ppid}); or pass another folder with --data <dir>`);
    expect(lockHolder(dir)).toMatchObject({ pid: process.ppid, kind: 'listen', apiPort: 4555, receiverPort: 8787 });
    // A short command on the folder finds the API there.
    expect(runningInstance(dir)).toMatchObject({ pid: process.ppid, apiPort: 4555 });
  });

  it('names the desktop app and its window', () => {
    const dir = testFolder();
    lockDataFolder(dir, { kind: 'desktop', version: '0.1.0' }, process.ppid).setPorts({ apiPort: null, receiverPort: 8787 });
    // It serves no HTTP API: short commands open the database beside it.
    expect(runningInstance(dir)).toBeNull();
    expect(() => lockDataFolder(dir, { kind: 'listen', version: '0.1.0' })).toThrow(/in use by the Hookscope desktop app \(pid \d+.*open it from the tray icon[\s\S]*quit it \(tray → Quit\)/);
  });

  it('takes over a lock whose process is gone, and an unreadable one', () => {
    const dir = testFolder();
    const pid = deadPid();
    fs.writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid, kind: 'listen', startedAt: '', apiPort: 4040, version: '0.0.1' }));
    expect(lockHolder(dir)).toBeNull();
    const lock = lockDataFolder(dir, { kind: 'listen', version: '0.1.0' });
    expect(lockHolder(dir)?.pid).toBe(process.pid);
    lock.release();
    fs.writeFileSync(path.join(dir, LOCK_FILE), '{"pid": 12');
    lockDataFolder(dir, { kind: 'listen', version: '0.1.0' }).release();
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
  });

  it("a release leaves another process's lock alone", () => {
    const dir = testFolder();
    const mine = lockDataFolder(dir, { kind: 'listen', version: '0.1.0' });
    fs.rmSync(path.join(dir, LOCK_FILE));
    lockDataFolder(dir, { kind: 'desktop', version: '0.1.0' }, process.ppid);
    mine.release();
    expect(lockHolder(dir)?.kind).toBe('desktop');
  });
});
