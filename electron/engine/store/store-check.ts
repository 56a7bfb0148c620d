// A cheap look at the database when it opens, so a damaged file is reported at once instead of failing every
// delivery with 500 while health says ok. Reads the schema, the running count, and the newest entries of every
// table and index (where the next inserts land); a small file (most stores) gets SQLite's full quick_check too.
// A larger file is read through in the background (background-check.ts); damage found later by any read or write is
// reported the same way (store-lifecycle.ts).
import fs from 'node:fs';
import type Database from 'better-sqlite3';

/** Files up to this size get PRAGMA quick_check at open (≈ 0.25 s for 64 MB here; 2 GB would take 8 s). */
export const FULL_CHECK_MAX_BYTES = 64 * 1024 * 1024;

const SAFE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Throws SQLite's own error (SQLITE_CORRUPT, SQLITE_NOTADB…) when the file is damaged; returns what was checked. */
export function checkDatabase(db: Database.Database, file: string, fullCheckMaxBytes = FULL_CHECK_MAX_BYTES): 'full' | 'probe' {
  const objects = db
    .prepare("SELECT type, name, tbl_name AS tableName, sql FROM sqlite_schema WHERE type IN ('table', 'index') AND sql IS NOT NULL")
    .all() as { type: string; name: string; tableName: string; sql: string }[];
  for (const object of objects) {
    if (!SAFE_NAME.test(object.name) || !SAFE_NAME.test(object.tableName)) continue;
    if (object.type === 'table') {
      // The first and the newest rows: the root page and the rightmost path, where appends go.
      db.prepare(`SELECT * FROM "${object.name}" LIMIT 1`).all();
      if (!isWithoutRowid(db, object.name)) db.prepare(`SELECT * FROM "${object.name}" ORDER BY rowid DESC LIMIT 1`).all();
    } else if (!/\sWHERE\s/i.test(object.sql)) {
      // (A partial index cannot answer an unfiltered ORDER BY; the full check below covers it in small files.)
      const columns = (db.prepare(`PRAGMA index_info("${object.name}")`).all() as { name: string | null }[])
        .map((column) => column.name)
        .filter((name): name is string => name !== null && SAFE_NAME.test(name));
      if (columns.length === 0) continue;
      const order = columns.map((name) => `"${name}" DESC`).join(', ');
      db.prepare(`SELECT ${columns.map((name) => `"${name}"`).join(', ')} FROM "${object.tableName}" INDEXED BY "${object.name}" ORDER BY ${order} LIMIT 1`).all();
    }
  }
  if (fs.statSync(file).size > fullCheckMaxBytes) return 'probe';
  const result = db.pragma('quick_check(1)', { simple: true });
  if (result !== 'ok') {
    throw Object.assign(new Error(`database disk image is malformed (${String(result)})`), { code: 'SQLITE_CORRUPT' });
  }
  return 'full';
}

function isWithoutRowid(db: Database.Database, table: string): boolean {
  const sql = db.prepare('SELECT sql FROM sqlite_schema WHERE name = ?').pluck().get(table) as string | undefined;
  return /WITHOUT\s+ROWID\s*$/i.test(sql ?? '') || /USING\s+fts5/i.test(sql ?? '');
}
