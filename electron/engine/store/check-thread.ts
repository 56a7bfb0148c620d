// The integrity-check thread: reads the whole database file through SQLite's quick_check on a read-only connection
// of its own (WAL lets it read beside the writer), so a large store is checked without stalling anything, then
// posts what it found and ends. Started by background-check.ts; nothing else imports it.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

export interface CheckData {
  file: string;
}

/** ok: sound; damaged: what quick_check (or opening) found; skipped: the check could not run (not a finding). */
export type CheckResult = { state: 'ok' } | { state: 'damaged'; problem: string } | { state: 'skipped'; reason: string };

const { file } = workerData as CheckData;
let result: CheckResult;
try {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const found = db.pragma('quick_check(1)', { simple: true });
    result = found === 'ok' ? { state: 'ok' } : { state: 'damaged', problem: String(found) };
  } finally {
    db.close();
  }
} catch (error) {
  const code = String((error as { code?: unknown }).code ?? '');
  const message = error instanceof Error ? error.message : String(error);
  result = code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB' ? { state: 'damaged', problem: message } : { state: 'skipped', reason: message };
}
parentPort!.postMessage(result);
