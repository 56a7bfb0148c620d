// Deletes deliveries by seq for good, with the exact count and the search index, in one transaction: a step of a
// delete too large to keep for undo (deletions.ts). Run on the writer thread in a running Hookscope, so the step and
// the receiver's inserts take turns on the write lock, as retention's steps do; on the store's own connection else.
import type Database from 'better-sqlite3';
import type { SearchShards } from './search-shards.js';
import { StoreState } from './store-state.js';

export class RowDeleter {
  private readonly state: StoreState;
  private readonly statement;

  constructor(
    private readonly db: Database.Database,
    private readonly shards: SearchShards,
  ) {
    this.state = new StoreState(db);
    this.statement = db.prepare('DELETE FROM deliveries WHERE seq = ?');
  }

  /** Returns how many of these were still stored. */
  delete(seqs: readonly number[]): number {
    return this.db.transaction(() => {
      let deleted = 0;
      for (const seq of seqs) {
        if (this.statement.run(seq).changes === 0) continue;
        deleted++;
        this.shards.remove(seq);
      }
      this.state.add('deliveries', -deleted);
      return deleted;
    }).immediate();
  }
}
