// The store's own bookkeeping, one row per key in store_state (migration 2): the exact number of deliveries, how far
// the search index has got, the size of its shards, and when the whole file was last found sound. The one place for these keys and their SQL; whoever moves a
// value does it inside the transaction that changes what the value describes.
import type Database from 'better-sqlite3';

export type StateKey = 'deliveries' | 'fts_indexed_upto' | 'fts_shard_size' | 'checked_at';

export class StoreState {
  private readonly read;
  private readonly write;
  private readonly move;

  constructor(db: Database.Database) {
    this.read = db.prepare('SELECT value FROM store_state WHERE key = ?').pluck();
    this.write = db.prepare('UPDATE store_state SET value = ? WHERE key = ?');
    this.move = db.prepare('UPDATE store_state SET value = value + ? WHERE key = ?');
  }

  get(key: StateKey): number {
    return this.read.get(key) as number;
  }

  set(key: StateKey, value: number): void {
    this.write.run(value, key);
  }

  add(key: StateKey, delta: number): void {
    this.move.run(delta, key);
  }
}
