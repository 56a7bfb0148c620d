// Opens the deliveries file with the settings every connection to it shares (the store's, and the writer thread's).
import Database from 'better-sqlite3';

/** Page cache per connection (KiB): holds the hot ends of the indexes of a store with a million deliveries. */
const CACHE_KIB = 32 * 1024;

export function openDatabase(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // FULL: a delivery we answered 2xx must survive a crash or power loss, not only a process exit.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // Two connections write (this process's and the writer thread's): wait for the other's transaction to end.
  db.pragma('busy_timeout = 5000');
  db.pragma(`cache_size = -${CACHE_KIB}`);
  return db;
}

/**
 * Runs work that can be redone (the search index, retention deletes) in an IMMEDIATE transaction that does not wait
 * for its own fsync: it becomes durable with the next delivery's commit or a checkpoint, and a crash before that
 * only means the work is done again. Deliveries themselves always commit with synchronous = FULL.
 */
export function runRelaxed<T>(db: Database.Database, work: () => T): T {
  db.pragma('synchronous = NORMAL');
  try {
    return db.transaction(work).immediate();
  } finally {
    db.pragma('synchronous = FULL');
  }
}
