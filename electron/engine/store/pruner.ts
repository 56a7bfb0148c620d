// Deletes what the retention settings no longer keep, in steps bounded by time. Both limits are answered from an
// index: the count from store_state (exact, moved in each transaction), the age from deliveries_received; so a step over a
// store with nothing to delete costs two index lookups, not a scan, whatever the store's size.
import type Database from 'better-sqlite3';
import { performance } from 'node:perf_hooks';
import type { SearchShards } from './search-shards.js';
import { StoreState } from './store-state.js';

export interface PruneLimits {
  /** Keep at most this many deliveries (0: no limit). */
  maxCount: number;
  /** Delete deliveries received before this time (ms since the epoch), or null for no age limit. */
  before: number | null;
}

/** Rows deleted between two looks at the time budget. */
const CHUNK = 64;

export class Pruner {
  private readonly statements;
  private readonly state: StoreState;

  constructor(
    db: Database.Database,
    private readonly shards: SearchShards,
    private readonly runRelaxed: <T>(work: () => T) => T,
  ) {
    this.state = new StoreState(db);
    this.statements = {
      oldest: db.prepare('SELECT seq, id FROM deliveries ORDER BY seq LIMIT ?'),
      receivedBefore: db.prepare('SELECT seq, id FROM deliveries WHERE received_at < ? ORDER BY received_at LIMIT ?'),
      delete: db.prepare('DELETE FROM deliveries WHERE seq = ?'),
      minSeq: db.prepare('SELECT min(seq) FROM deliveries').pluck(),
    };
  }

  /** Deletes for about `budgetMs` at most (always at least one chunk); `more` says whether a limit is still exceeded. */
  step(limits: PruneLimits, budgetMs: number): { ids: string[]; more: boolean } {
    const ids: string[] = [];
    if (this.excess(limits) === 0 && !this.hasOld(limits)) return { ids, more: false };
    const started = performance.now();
    let more = true;
    this.runRelaxed(() => {
      const deleted: number[] = [];
      do {
        const rows = this.nextChunk(limits);
        for (const row of rows) {
          this.statements.delete.run(row.seq);
          deleted.push(row.seq);
          ids.push(row.id);
        }
        this.state.add('deliveries', -rows.length);
        more = rows.length > 0 && (this.excess(limits) > 0 || this.hasOld(limits));
      } while (more && performance.now() - started < budgetMs);
      // The oldest shard is dropped whole once everything in it is gone; until then its deleted rows simply find
      // no partner in a search. A row deleted above it (an age limit over out-of-order arrivals) leaves the index now.
      const oldest = (this.statements.minSeq.get() as number | null) ?? Number.MAX_SAFE_INTEGER;
      this.shards.dropBelow(oldest);
      const kept = this.shards.shardOf(oldest);
      for (const seq of deleted) if (this.shards.shardOf(seq) > kept) this.shards.remove(seq);
    });
    return { ids, more };
  }

  private nextChunk(limits: PruneLimits): { seq: number; id: string }[] {
    if (limits.before !== null) {
      const old = this.statements.receivedBefore.all(limits.before, CHUNK) as { seq: number; id: string }[];
      if (old.length) return old;
    }
    const excess = this.excess(limits);
    return excess > 0 ? (this.statements.oldest.all(Math.min(excess, CHUNK)) as { seq: number; id: string }[]) : [];
  }

  private excess(limits: PruneLimits): number {
    return limits.maxCount > 0 ? Math.max(0, this.state.get('deliveries') - limits.maxCount) : 0;
  }

  private hasOld(limits: PruneLimits): boolean {
    return limits.before !== null && this.statements.receivedBefore.all(limits.before, 1).length > 0;
  }
}
