// The full-text index, cut by seq into shards of a fixed size per database (store_state 'fts_shard_size', 65,536
// unless a new store was made with another; deliveries_fts_<k> holds seq in [k·size, (k+1)·size)). FTS5 has no cheap way to start a doclist in the middle, and a prefix query merges every
// matching term over the whole table, so one index over a million rows costs ~15–50 ms a page however few rows the
// page needs. A shard bounds that: a page reads the shard its cursor falls in and, when it needs more, the next
// older ones. Old shards are dropped whole once retention has deleted past them (no per-row tombstones to merge).
import type Database from 'better-sqlite3';
import { StoreState } from './store-state.js';

const tableOf = (shard: number) => `deliveries_fts_${shard}`;

export class SearchShards {
  private readonly inserts = new Map<number, Database.Statement>();
  readonly size: number;

  /** shardSize: for a store that has no shards yet (tests use small ones to cover many shards). */
  constructor(private readonly db: Database.Database, shardSize?: number) {
    const state = new StoreState(db);
    if (shardSize !== undefined && this.shards().length === 0) state.set('fts_shard_size', shardSize);
    this.size = state.get('fts_shard_size');
  }

  shardOf(seq: number): number {
    return Math.floor(seq / this.size);
  }

  static table(shard: number): string {
    return tableOf(shard);
  }

  /** Shards that exist, newest first. */
  shards(): number[] {
    return this.db.prepare('SELECT shard FROM search_shards ORDER BY shard DESC').pluck().all() as number[];
  }

  /**
   * Forgets prepared inserts for shards that no longer exist: the other connection (the store's, or the writer
   * thread's) may have dropped one (retention, delete all). Call at the start of each indexing transaction.
   */
  refresh(): void {
    const live = new Set(this.shards());
    for (const shard of this.inserts.keys()) if (!live.has(shard)) this.inserts.delete(shard);
  }

  insert(seq: number, text: string): void {
    const shard = this.shardOf(seq);
    let statement = this.inserts.get(shard);
    if (!statement) {
      this.create(shard);
      statement = this.db.prepare(`INSERT INTO ${tableOf(shard)} (rowid, text) VALUES (?, ?)`);
      this.inserts.set(shard, statement);
    }
    statement.run(seq, text);
  }

  /** Takes one delivery out of the index (a delete by id, or retention deleting out of order). */
  remove(seq: number): void {
    const shard = this.shardOf(seq);
    if (this.shards().includes(shard)) this.db.prepare(`DELETE FROM ${tableOf(shard)} WHERE rowid = ?`).run(seq);
  }

  /** Drops the shards that hold only deliveries older than `minSeq` (the oldest still stored); returns how many. */
  dropBelow(minSeq: number): number {
    const dead = this.shards().filter((shard) => (shard + 1) * this.size <= minSeq);
    for (const shard of dead) this.drop(shard);
    return dead.length;
  }

  dropAll(): void {
    for (const shard of this.shards()) this.drop(shard);
  }

  private create(shard: number): void {
    this.db.exec(
      `CREATE VIRTUAL TABLE IF NOT EXISTS ${tableOf(shard)} USING fts5(text, content = '', contentless_delete = 1, ` +
        `tokenize = 'unicode61 remove_diacritics 2')`,
    );
    this.db.prepare('INSERT OR IGNORE INTO search_shards (shard) VALUES (?)').run(shard);
  }

  private drop(shard: number): void {
    this.db.exec(`DROP TABLE IF EXISTS ${tableOf(shard)}`);
    this.db.prepare('DELETE FROM search_shards WHERE shard = ?').run(shard);
    this.inserts.delete(shard);
  }
}
