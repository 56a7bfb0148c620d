// Keeps the full-text index just behind the commit. The writer commits the raw delivery alone (what must be durable
// before we answer) and hands this the text to index; it indexes rows past `fts_indexed_upto` a chunk at a time,
// soon after, in its own transaction without an fsync of its own (the index and its marker commit together and can
// always be rebuilt from the rows, so a crash only sends the indexer back over the gap at the next start). Rows this
// instance was not handed (stored before it opened the store, or by the other connection) are read back from the
// table. Both connections may index; the marker is read inside their IMMEDIATE transactions, so never twice.
// A search first indexes a small backlog so it always sees what was stored; a large one (a store migrated from
// schema 1) is worked off in steps.
import type Database from 'better-sqlite3';
import { SYSTEM_CLOCK, type Clock, type TimerHandle } from '../clock.js';
import type { SearchShards } from './search-shards.js';
import { storedRowText, type StoredSearchRow } from './search-text.js';
import { StoreState } from './store-state.js';

const CHUNK = 256;
/** A search indexes up to this many waiting rows itself before it runs. */
const CATCH_UP_LIMIT = 5_000;
/** Wait this long after a commit, so a burst is indexed as one segment instead of one per commit. */
const DELAY_MS = 40;

type PendingRow = StoredSearchRow & { seq: number };

export class SearchIndexer {
  private timer: TimerHandle | null = null;
  private readonly statements;
  private readonly state: StoreState;
  /** Rows written through this connection and not yet indexed, in seq order, with their text. */
  private queue: { seq: number; text: string }[] = [];

  constructor(
    private readonly db: Database.Database,
    private readonly shards: SearchShards,
    private readonly runRelaxed: <T>(work: () => T) => T,
    private readonly clock: Clock = SYSTEM_CLOCK,
  ) {
    this.state = new StoreState(db);
    this.statements = {
      lastSeq: db.prepare('SELECT max(seq) FROM deliveries').pluck(),
      nextSeq: db.prepare('SELECT min(seq) FROM deliveries WHERE seq > ?').pluck(),
      backlog: db.prepare('SELECT COUNT(*) FROM deliveries WHERE seq > ?').pluck(),
      rows: db.prepare(
        'SELECT seq, path, event_id, event_type, codec, headers, body FROM deliveries WHERE seq > ? ORDER BY seq LIMIT ?',
      ),
    };
  }

  /** Called inside the transaction that stores a delivery, with what search should see of it. */
  add(seq: number, text: string): void {
    this.queue.push({ seq, text });
  }

  /** How many rows wait in memory; with forget(), undoes add() calls of a transaction that rolled back. */
  queued(): number {
    return this.queue.length;
  }

  forget(keep: number): void {
    this.queue.length = keep;
  }

  /** An upper bound on the deliveries not yet searchable, in two index lookups (health reports it). */
  pending(): number {
    return Math.max(0, ((this.statements.lastSeq.get() as number | null) ?? 0) - this.upto());
  }

  /** Deliveries stored but not yet searchable. */
  backlog(): number {
    return this.statements.backlog.get(this.upto()) as number;
  }

  /** Called after each commit: index soon, once per burst. */
  schedule(delayMs = DELAY_MS): void {
    if (this.timer || !this.db.open) return;
    this.timer = this.clock.setTimeout(
      () => {
        this.timer = null;
        try {
          if (this.step(CHUNK) === CHUNK) this.schedule(0);
        } catch (error) {
          // The index can always be rebuilt from the rows: try again later rather than stop the thread it runs on.
          console.error('hookscope: search indexing failed; retrying', error);
          this.schedule(1_000);
        }
      },
      delayMs,
      { unref: true, label: 'search.index' },
    );
  }

  /** Before a search: index what is waiting when that is little; a large backlog is left to the steps. */
  catchUp(): void {
    if (this.pending() === 0) return;
    if (this.backlog() > CATCH_UP_LIMIT) return this.schedule(0);
    while (this.step(CHUNK) === CHUNK);
  }

  /** Indexes up to `max` waiting rows in one transaction; returns how many. */
  step(max: number): number {
    if (!this.db.open) return 0;
    return this.runRelaxed(() => {
      this.shards.refresh();
      const upto = this.upto();
      const next = this.statements.nextSeq.get(upto) as number | null;
      // What is held for rows before the next one waiting was indexed by the other connection, or deleted.
      this.dropBefore(next ?? Number.MAX_SAFE_INTEGER);
      if (next === null) return 0;
      const held = this.queue[0]?.seq;
      const rows = held === next ? this.fromQueue(max) : this.readBack(upto, held, max);
      for (const row of rows) this.shards.insert(row.seq, row.text);
      if (rows.length) this.state.set('fts_indexed_upto', rows[rows.length - 1]!.seq);
      return rows.length;
    });
  }

  private dropBefore(seq: number): void {
    let skip = 0;
    while (skip < this.queue.length && this.queue[skip]!.seq < seq) skip++;
    if (skip) this.queue = this.queue.slice(skip);
  }

  private fromQueue(max: number): { seq: number; text: string }[] {
    const rows = this.queue.slice(0, max);
    this.queue = this.queue.slice(rows.length);
    return rows;
  }

  /** Rows after `upto` and before `until` (the first one held in memory), read and decoded from the table. */
  private readBack(upto: number, until: number | undefined, max: number): { seq: number; text: string }[] {
    let rows = this.statements.rows.all(upto, max) as PendingRow[];
    if (until !== undefined) rows = rows.filter((row) => row.seq < until);
    return rows.map((row) => ({ seq: row.seq, text: storedRowText(row) }));
  }

  stop(): void {
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private upto(): number {
    return this.state.get('fts_indexed_upto');
  }
}
