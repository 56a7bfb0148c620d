// Opening the store at start: looked over for damage (a damaged file is moved aside only when asked, else an
// in-memory stand-in serves the UI while the file awaits the user's choice), a failure that is not damage named with
// its remedy, and the background read-through of a store too large to check whole at open.
import path from 'node:path';
import { DataDirError } from '../engine/config/private-files.js';
import { checkInBackground, RECHECK_AFTER_MS, type BackgroundCheck } from '../engine/store/background-check.js';
import { storeTrouble } from '../engine/store/store-errors.js';
import { moveAside, type StoreLifecycle } from '../engine/store/store-lifecycle.js';
import { DATABASE_FILE, Store, type StoreOptions } from '../engine/store/store.js';

/**
 * Opens the store, looking it over for damage. A damaged file is moved aside when `fresh` says so; otherwise an
 * empty stand-in in memory serves the UI while the file awaits the user's choice (health and the UI say why).
 */
export function openStore(dataDir: string, options: StoreOptions, fresh: boolean): { store: Store; damage: Error | null; movedTo: string | null } {
  try {
    return { store: new Store(dataDir, { ...options, check: true }), damage: null, movedTo: null };
  } catch (error) {
    if (storeTrouble(error) !== 'damaged') throw cannotOpen(path.join(dataDir, DATABASE_FILE), error);
    if (fresh) {
      const movedTo = moveAside(path.join(dataDir, DATABASE_FILE), new Date());
      return { store: new Store(dataDir, { ...options, check: true }), damage: null, movedTo };
    }
    return { store: new Store(dataDir, { ...options, placeholder: true }), damage: error as Error, movedTo: null };
  }
}

/** A store too large to check whole at open is read through in a thread of its own, at most once a day. */
export function startBackgroundCheck(
  store: Store,
  lifecycle: StoreLifecycle,
  now: () => number = Date.now,
): BackgroundCheck | null {
  if (store.checkedAtOpen !== 'probe' || now() - store.lastFullCheck() < RECHECK_AFTER_MS) return null;
  const check = checkInBackground(store.file);
  void check.result.then((result) => {
    if (result.state === 'ok') store.markChecked(now());
    else if (result.state === 'damaged') {
      lifecycle.noteError(Object.assign(new Error(`database disk image is malformed (${result.problem})`), { code: 'SQLITE_CORRUPT' }));
    } else console.warn(`hookscope: the store's integrity check could not run (${result.reason})`);
  });
  return check;
}

/** An open failure that is not damage (a folder we may not write, a file that is a folder): name it, say what to do. */
function cannotOpen(file: string, error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  return new DataDirError(
    `cannot open the database ${file} (${message}): check that ${path.dirname(file)} is a folder you can write to, ` +
      'or pass another folder with --data <dir>',
  );
}
