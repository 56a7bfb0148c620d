// Deleted deliveries kept for a short undo: a delete moves the rows (and their forward attempts) into the trash
// tables under a batch number, with the count and the search index; an undo moves them back with their seq, so they
// return to their place in the list and in search; a purge forgets a batch for good. Each operation works in steps
// of a bounded number of rows, one transaction each, so a caller can take turns with the receiver's commits between
// them (deletions.ts runs them on the writer thread). The column lists are read from the tables, so a column added
// to deliveries later travels as soon as the trash has it too.
import type Database from 'better-sqlite3';
import type { SearchShards } from './search-shards.js';
import { storedRowText, type StoredSearchRow } from './search-text.js';
import { StoreState } from './store-state.js';

/** One step of a trash operation, as deletions.ts asks for it (and the writer thread carries it). */
export type TrashStep =
  | { op: 'put'; batch: number; seqs: number[] }
  | { op: 'restore'; batch: number; max: number }
  | { op: 'purge'; batch: number; max: number };

/** What a step did: the ids moved (put), how many went back (restore), and whether the batch is done (restore, purge). */
export interface TrashStepResult {
  ids: string[];
  restored: number;
  done: boolean;
}

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
      kept: db.prepare('SELECT seq, id FROM trash_deliveries WHERE batch = ? ORDER BY seq LIMIT ?'),
      restoreDelivery: db.prepare(
        `INSERT OR IGNORE INTO deliveries (${deliveries}) SELECT ${deliveries} FROM trash_deliveries WHERE batch = ? AND seq = ? RETURNING seq, path, event_id, event_type, codec, headers, body`,
      ),
      restoreForwards: db.prepare(`INSERT OR IGNORE INTO forwards (${forwards}) SELECT ${forwards} FROM trash_forwards WHERE batch = ? AND delivery_id = ? ORDER BY seq`),
      forgetDelivery: db.prepare('DELETE FROM trash_deliveries WHERE batch = ? AND seq = ?'),
      forgetForwards: db.prepare('DELETE FROM trash_forwards WHERE batch = ? AND delivery_id = ?'),
      lastBatch: db.prepare('SELECT coalesce(max(batch), 0) FROM trash_deliveries').pluck(),
    };
  }

  /** The highest batch number kept (0: none); new batches are numbered on from it. */
  lastBatch(): number {
    return this.statements.lastBatch.get() as number;
  }

  /** Runs one step. */
  step(step: TrashStep): TrashStepResult {
    if (step.op === 'put') return { ids: this.put(step.batch, step.seqs), restored: 0, done: true };
    if (step.op === 'restore') return { ids: [], ...this.restore(step.batch, step.max) };
    return { ids: [], restored: 0, done: this.purge(step.batch, step.max) };
  }

  /** Moves these deliveries into `batch`; returns the ids moved (a seq no longer stored is skipped). */
  put(batch: number, seqs: readonly number[]): string[] {
    return this.db.transaction(() => {
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
      return ids;
    }).immediate();
  }

  /**
   * Puts up to `max` of a batch back where they were, oldest first (a delivery whose id is stored again meanwhile
   * stays as it is); returns how many went back and whether the batch is done.
   */
  restore(batch: number, max: number): { restored: number; done: boolean } {
    return this.db.transaction(() => {
      const kept = this.statements.kept.all(batch, max) as { seq: number; id: string }[];
      const indexedUpto = this.state.get('fts_indexed_upto');
      let restored = 0;
      for (const { seq, id } of kept) {
        const row = this.statements.restoreDelivery.get(batch, seq) as (StoredSearchRow & { seq: number }) | undefined;
        if (row) {
          restored++;
          this.statements.restoreForwards.run(batch, id);
          // Rows past the indexer's mark are still on its way; the others go back into the index now.
          if (row.seq <= indexedUpto) {
            this.shards.remove(row.seq);
            this.shards.insert(row.seq, storedRowText(row));
          }
        }
        this.statements.forgetDelivery.run(batch, seq);
        this.statements.forgetForwards.run(batch, id);
      }
      this.state.add('deliveries', restored);
      return { restored, done: kept.length < max };
    }).immediate();
  }

  /** Forgets up to `max` of a batch; returns whether the batch is gone. */
  purge(batch: number, max: number): boolean {
    return this.db.transaction(() => {
      const kept = this.statements.kept.all(batch, max) as { seq: number; id: string }[];
      for (const { seq, id } of kept) {
        this.statements.forgetDelivery.run(batch, seq);
        this.statements.forgetForwards.run(batch, id);
      }
      return kept.length < max;
    }).immediate();
  }

  /** Whether any batch is kept (at open, to purge only when there is something to purge: no write otherwise). */
  hasAny(): boolean {
    return this.db.prepare('SELECT EXISTS (SELECT 1 FROM trash_deliveries)').pluck().get() === 1;
  }

  /** Forgets every batch at once (at open, before anything is received: what a stopped process left). */
  purgeAll(): void {
    this.db.transaction(() => this.db.exec('DELETE FROM trash_deliveries; DELETE FROM trash_forwards;')).immediate();
  }
}
