// Numbered schema migrations, applied in order inside one transaction each; `PRAGMA user_version` records the last.
// Never edit a shipped migration: add the next number. Foreign keys are off while they run (SQLite's documented way
// to rebuild a table others reference) and checked before each commits.
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
  {
    version: 2,
    name: 'leaner rows, a search index of what people search, and an exact running count',
    // The table is rebuilt to add `codec` (headers and body may be stored deflate-compressed) and to keep the
    // columns a list reads ahead of the payload. The full-text index is now cut into shards by seq
    // (search-shards.ts, listed in search_shards) of one column: path, event id and type, the values of the headers
    // people search for, and the body. search-indexer.ts fills it just behind the commit from `fts_indexed_upto`, so
    // this migration leaves it empty and the indexer rebuilds it. store_state holds the exact number of deliveries,
    // changed by every transaction that adds or deletes rows (a trigger per row cost 12 µs a delivery).
    sql: `
      CREATE TABLE deliveries_v2 (
        seq            INTEGER PRIMARY KEY AUTOINCREMENT,
        id             TEXT NOT NULL UNIQUE,
        received_at    INTEGER NOT NULL,
        method         TEXT NOT NULL,
        path           TEXT NOT NULL,
        query          TEXT NOT NULL DEFAULT '',
        size           INTEGER NOT NULL,
        content_type   TEXT,
        status         INTEGER NOT NULL,
        source         TEXT NOT NULL,
        event_id       TEXT,
        event_type     TEXT,
        attempt        INTEGER NOT NULL DEFAULT 1,
        first_id       TEXT,
        sig_status     TEXT NOT NULL,
        sig_scheme     TEXT,
        last_forward   TEXT,
        parse_error    TEXT,
        remote_address TEXT,
        signature      TEXT NOT NULL,
        codec          INTEGER NOT NULL DEFAULT 0,
        headers        BLOB NOT NULL,
        body           BLOB NOT NULL
      );
      INSERT INTO deliveries_v2 (seq, id, received_at, method, path, query, size, content_type, status, source,
          event_id, event_type, attempt, first_id, sig_status, sig_scheme, last_forward, parse_error, remote_address,
          signature, codec, headers, body)
        SELECT seq, id, received_at, method, path, query, size, content_type, status, source, event_id, event_type,
          attempt, first_id, sig_status, sig_scheme, last_forward, parse_error, remote_address, signature, 0, headers,
          body
        FROM deliveries ORDER BY seq;
      DELETE FROM sqlite_sequence WHERE name = 'deliveries_v2';
      INSERT INTO sqlite_sequence (name, seq) SELECT 'deliveries_v2', seq FROM sqlite_sequence WHERE name = 'deliveries';
      DROP TABLE deliveries_fts;
      DROP TABLE deliveries;
      ALTER TABLE deliveries_v2 RENAME TO deliveries;

      CREATE INDEX deliveries_source   ON deliveries(source, seq);
      CREATE INDEX deliveries_type     ON deliveries(event_type, seq);
      CREATE INDEX deliveries_sig      ON deliveries(sig_status, seq);
      CREATE INDEX deliveries_method   ON deliveries(method, seq);
      CREATE INDEX deliveries_received ON deliveries(received_at);
      CREATE INDEX deliveries_event    ON deliveries(source, event_id, seq) WHERE event_id IS NOT NULL;

      CREATE TABLE search_shards (shard INTEGER PRIMARY KEY);

      CREATE TABLE store_state (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
      INSERT INTO store_state (key, value) VALUES
        ('deliveries', (SELECT COUNT(*) FROM deliveries)),
        ('fts_indexed_upto', 0),
        ('fts_shard_size', 65536);
    `,
  },
  {
    version: 3,
    name: 'auto-forwards waiting to be sent, and when the file was last checked',
    // A delivery its source auto-forwards gets a row here in the same transaction that stores it, and loses it when
    // its forward is done (delivered, or given up on); what is left at the next start is sent then, in rowid order.
    // Also: when the whole file was last found sound (store-check.ts), so a large store is read through in the
    // background at most once a day.
    sql: `
      CREATE TABLE pending_forwards (
        delivery_id TEXT PRIMARY KEY REFERENCES deliveries(id) ON DELETE CASCADE,
        source      TEXT NOT NULL
      );
      INSERT INTO store_state (key, value) VALUES ('checked_at', 0);
    `,
  },
  {
    version: 4,
    name: 'how long each answer was held, and event types per source',
    // answer_ms: how long the receiver held its answer (the source's response delay), so a retry can be explained
    // by a late answer; NULL in rows written before. It sits after the payload, so only the few-row attempt
    // timelines read it, never the list. The index answers "which event types has this source seen, how many and
    // when last" from the index alone, however long the history.
    sql: `
      ALTER TABLE deliveries ADD COLUMN answer_ms INTEGER;
      CREATE INDEX deliveries_source_type ON deliveries(source, event_type, received_at);
    `,
  },
  {
    version: 5,
    name: 'one pending auto-forward per delivery and target',
    // A source may auto-forward to several targets, each by its own rules; a row per target lets a crash resume
    // exactly the ones not done. Rows kept from schema 3 get target '' (the source's forward URL).
    sql: `
      CREATE TABLE pending_forwards_v5 (
        delivery_id TEXT NOT NULL REFERENCES deliveries(id) ON DELETE CASCADE,
        source      TEXT NOT NULL,
        target      TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (delivery_id, target)
      );
      INSERT INTO pending_forwards_v5 (delivery_id, source, target) SELECT delivery_id, source, '' FROM pending_forwards ORDER BY rowid;
      DROP TABLE pending_forwards;
      ALTER TABLE pending_forwards_v5 RENAME TO pending_forwards;
    `,
  },
  {
    version: 6,
    name: 'deleted deliveries kept for a short undo',
    // A delete moves the rows here under a batch number (trash.ts) and an undo moves them back with their seq, so
    // they return to their place in the list; the batch is purged when its undo window ends, and whatever a stopped
    // process left here at the next open. Same columns as the live tables (a later column added to deliveries or
    // forwards is added here too; trash.ts copies only the columns both have).
    sql: `
      CREATE TABLE trash_deliveries AS SELECT 0 AS batch, * FROM deliveries WHERE 0;
      CREATE INDEX trash_deliveries_batch ON trash_deliveries(batch, seq);
      CREATE TABLE trash_forwards AS SELECT 0 AS batch, * FROM forwards WHERE 0;
      CREATE INDEX trash_forwards_batch ON trash_forwards(batch);
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
  if (current === latest) return latest;
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF');
  try {
    for (const migration of MIGRATIONS) {
      if (migration.version <= current) continue;
      db.transaction(() => {
        db.exec(migration.sql);
        const broken = db.pragma('foreign_key_check') as unknown[];
        if (broken.length) throw new Error(`migration ${migration.version} left ${broken.length} broken references`);
        db.pragma(`user_version = ${migration.version}`);
      })();
    }
  } finally {
    db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
  }
  return latest;
}
