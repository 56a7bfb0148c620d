// Numbered schema migrations, applied in order inside one transaction each; `PRAGMA user_version` records the last.
// Never edit a shipped migration: add the next number.
import type Database from 'better-sqlite3';

interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'deliveries, forwards and full-text search',
    sql: `
      CREATE TABLE deliveries (
        seq            INTEGER PRIMARY KEY AUTOINCREMENT,
        id             TEXT NOT NULL UNIQUE,
        received_at    INTEGER NOT NULL,
        method         TEXT NOT NULL,
        path           TEXT NOT NULL,
        query          TEXT NOT NULL DEFAULT '',
        headers        TEXT NOT NULL,
        body           BLOB NOT NULL,
        size           INTEGER NOT NULL,
        content_type   TEXT,
        remote_address TEXT,
        status         INTEGER NOT NULL,
        source         TEXT NOT NULL,
        event_id       TEXT,
        event_type     TEXT,
        attempt        INTEGER NOT NULL DEFAULT 1,
        first_id       TEXT,
        parse_error    TEXT,
        sig_status     TEXT NOT NULL,
        sig_scheme     TEXT,
        signature      TEXT NOT NULL,
        last_forward   TEXT
      );
      CREATE INDEX deliveries_source   ON deliveries(source, seq);
      CREATE INDEX deliveries_type     ON deliveries(event_type, seq);
      CREATE INDEX deliveries_sig      ON deliveries(sig_status, seq);
      CREATE INDEX deliveries_method   ON deliveries(method, seq);
      CREATE INDEX deliveries_received ON deliveries(received_at);
      CREATE INDEX deliveries_event    ON deliveries(source, event_id, seq) WHERE event_id IS NOT NULL;

      CREATE VIRTUAL TABLE deliveries_fts USING fts5(
        path, event, headers, body,
        content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER deliveries_fts_delete AFTER DELETE ON deliveries BEGIN
        DELETE FROM deliveries_fts WHERE rowid = old.seq;
      END;

      CREATE TABLE forwards (
        seq         INTEGER PRIMARY KEY AUTOINCREMENT,
        id          TEXT NOT NULL UNIQUE,
        delivery_id TEXT NOT NULL REFERENCES deliveries(id) ON DELETE CASCADE,
        started_at  INTEGER NOT NULL,
        data        TEXT NOT NULL
      );
      CREATE INDEX forwards_delivery ON forwards(delivery_id, seq);
    `,
  },
];

export function migrate(db: Database.Database): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
  if (current > latest) {
    throw new Error(
      `the database was written by a newer Hookscope (schema ${current}, this build knows ${latest}); ` +
        'upgrade Hookscope or use another --data folder',
    );
  }
  for (const migration of MIGRATIONS) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return latest;
}
