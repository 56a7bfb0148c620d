// Deleted deliveries kept for a short undo: a delete moves the rows (and their forward attempts) into the trash
// tables under a batch number, in one transaction with the count and the search index; an undo moves them back with
// their seq, so they return to their place in the list and in search; a purge forgets a batch for good. The column
// lists are read from the tables, so a column added to deliveries later travels as soon as the trash has it too.
import type Database from 'better-sqlite3';
import type { SearchShards } from './search-shards.js';
import { storedRowText, type StoredSearchRow } from './search-text.js';
import { StoreState } from './store-state.js';

export class Trash {
  private readonly state: StoreState;
  private readonly statements;

  constructor(
    private readonly db: Database.Database,
    private readonly shards: SearchShards,
  ) {
    this.state = new StoreState(db);
    const shared = (live: string, trash: string) => {
      const names = (table: string) => (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((column) => column.name);
      const inTrash = new Set(names(trash));
      return names(live).filter((name) => inTrash.has(name)).join(', ');
    };
    const deliveries = shared('deliveries', 'trash_deliveries');
    const forwards = shared('forwards', 'trash_forwards');
    this.statements = {
      keepDelivery: db.prepare(`INSERT INTO trash_deliveries (batch, ${deliveries}) SELECT ?, ${deliveries} FROM deliveries WHERE seq = ?`),
      keepForwards: db.prepare(`INSERT INTO trash_forwards (batch, ${forwards}) SELECT ?, ${forwards} FROM forwards WHERE delivery_id = ?`),
      idOf: db.prepare('SELECT id FROM deliveries WHERE seq = ?').pluck(),
      delete: db.prepare('DELETE FROM deliveries WHERE seq = ?'),
      restoreDeliveries: db.prepare(
        `INSERT OR IGNORE INTO deliveries (${deliveries}) SELECT ${deliveries} FROM trash_deliveries WHERE batch = ? ORDER BY seq RETURNING seq, path, event_id, event_type, codec, headers, body`,
      ),
      restoreForwards: db.prepare(`INSERT OR IGNORE INTO forwards (${forwards}) SELECT ${forwards} FROM trash_forwards WHERE batch = ? ORDER BY seq`),
      purgeDeliveries: db.prepare('DELETE FROM trash_deliveries WHERE batch = ?'),
      purgeForwards: db.prepare('DELETE FROM trash_forwards WHERE batch = ?'),
      nextBatch: db.prepare('SELECT coalesce(max(batch), 0) + 1 FROM trash_deliveries').pluck(),
    };
  }

  /** Moves these deliveries into a new batch; returns it and the ids moved (a seq no longer stored is skipped). */
  put(seqs: readonly number[]): { batch: number; ids: string[] } {
    return this.db.transaction(() => {
      const batch = this.statements.nextBatch.get() as number;
      const ids: string[] = [];
      for (const seq of seqs) {
        const id = this.statements.idOf.get(seq) as string | undefined;
        if (id === undefined) continue;
        this.statements.keepDelivery.run(batch, seq);
        // The forwards go with the row (ON DELETE CASCADE): kept first.
        this.statements.keepForwards.run(batch, id);
        this.statements.delete.run(seq);
        this.shards.remove(seq);
        ids.push(id);
      }
      this.state.add('deliveries', -ids.length);
      return { batch, ids };
    }).immediate();
  }

  /** Puts a batch back where it was (a delivery whose id is stored again meanwhile stays as it is); returns how many. */
  restore(batch: number): number {
    return this.db.transaction(() => {
      const rows = this.statements.restoreDeliveries.all(batch) as (StoredSearchRow & { seq: number })[];
      this.statements.restoreForwards.run(batch);
      const indexedUpto = this.state.get('fts_indexed_upto');
      for (const row of rows) {
        // Rows past the indexer's mark are still on its way; the others go back into the index now.
        if (row.seq > indexedUpto) continue;
        this.shards.remove(row.seq);
        this.shards.insert(row.seq, storedRowText(row));
      }
      this.state.add('deliveries', rows.length);
      this.purgeNow(batch);
      return rows.length;
    }).immediate();
  }

  /** Whether any batch is kept (at open, to purge only when there is something to purge: no write otherwise). */
  hasAny(): boolean {
    return this.db.prepare('SELECT EXISTS (SELECT 1 FROM trash_deliveries)').pluck().get() === 1;
  }

  /** Forgets a batch, or every batch (at open: what a stopped process left). */
  purge(batch?: number): void {
    this.db.transaction(() => this.purgeNow(batch)).immediate();
  }

  private purgeNow(batch?: number): void {
    if (batch === undefined) this.db.exec('DELETE FROM trash_deliveries; DELETE FROM trash_forwards;');
    else {
      this.statements.purgeDeliveries.run(batch);
      this.statements.purgeForwards.run(batch);
    }
  }
}
