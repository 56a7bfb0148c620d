// The deliveries database: one SQLite file (WAL) in the data folder holding every delivery byte for byte (headers
// and body deflate-compressed when that pays, see payload-codec.ts), its forward attempts, a full-text index kept
// just behind the commit (search-indexer.ts), and an exact running count in store_state.
// Synchronous (better-sqlite3). Deliveries from the receiver are written by the writer thread (store-writer.ts) on
// its own connection; every write transaction here begins IMMEDIATE so the two wait for each other instead of
// failing when one upgrades a read to a write.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type {
  DeliveryPage,
  DeliverySummary,
  ForwardAttempt,
  SignatureResult,
} from '../../../shared/domain.js';
import { forwardSummary } from '../../../shared/forward-summary.js';
import { SYSTEM_CLOCK, type Clock } from '../clock.js';
import { migrate } from './migrations.js';
import { checkDatabase } from './store-check.js';
import { buildListQuery, type ListFilters } from './list-query.js';
import { DeliveryInsert } from './delivery-insert.js';
import { HistoryQueries } from './history-queries.js';
import { summaryOf, type NewDelivery } from './new-delivery.js';
import { createPrivateFile, PRIVATE_DIR_MODE } from '../config/private-files.js';
import { PendingForwards, type PendingForward } from './pending-forwards.js';
import { openDatabase, runRelaxed } from './open-database.js';
import { decodeBody, decodeHeaders } from './payload-codec.js';
import { toFtsQuery } from './fts-query.js';
import { Pruner, type PruneLimits } from './pruner.js';
import { SearchIndexer } from './search-indexer.js';
import { searchPage } from './search-page.js';
import { SearchShards } from './search-shards.js';
import { searchText } from './search-text.js';
import { ExportPages, type ExportFilters } from './export-pages.js';
import { DuplicateLookup } from './duplicate-lookup.js';
import { Trash } from './trash.js';
import { RowDeleter } from './delete-rows.js';
import { StoreState } from './store-state.js';
import { compactSignature, parseSignature, SUMMARY_COLUMNS, toSummary, type FullRow, type SummaryRow } from './rows.js';

export const DATABASE_FILE = 'hookscope.db';
export type { NewDelivery } from './new-delivery.js';

/** Everything stored for one delivery, raw bytes included. */
export interface DeliveryRecord extends DeliverySummary {
  headers: [string, string][];
  body: Buffer;
  remoteAddress: string | null;
  parseError: string | null;
  signatureResult: SignatureResult;
  /** How long the receiver held its answer; null in rows stored before it was kept. */
  answerMs: number | null;
}

export interface StoreOptions {
  clock?: Clock;
  searchShardSize?: number;
  /** Look the file over for damage at open (store-check.ts); a damaged file throws SQLite's error. */
  check?: boolean;
  /** Open an empty database in memory instead of the file: the stand-in while a damaged file awaits the user. */
  placeholder?: boolean;
  /** Files up to this size get the full check at open; larger ones only the probe (store-check.ts). */
  fullCheckMaxBytes?: number;
}

export class Store {
  // Set by open(): reopenAfter() replaces them all when the file is emptied or moved aside.
  db!: Database.Database;
  readonly file: string;
  search!: SearchIndexer;
  private shards!: SearchShards;
  private inserter!: DeliveryInsert;
  private state!: StoreState;
  private pending!: PendingForwards;
  private pruner!: Pruner;
  private rowDeleter!: RowDeleter;
  private statements!: ReturnType<Store['prepareStatements']>;
  /** Attempts of an event, event types, recent verifications, re-verification pages (history-queries.ts). */
  history!: HistoryQueries;
  /** Whole rows in received order, a page at a time, for exports (export-pages.ts). */
  exports!: ExportPages;
  /** Whether an imported delivery is stored already (duplicate-lookup.ts). */
  duplicates!: DuplicateLookup;
  /** Deleted deliveries kept for a short undo (trash.ts). */
  trash!: Trash;
  /** How far open() looked the file over: all of it, only the probe (a large file), or not at all. */
  checkedAtOpen: 'full' | 'probe' | null = null;
  /** Prepared list and search statements by SQL (their shapes are few: filters present, shard). */
  private readonly prepared = new Map<string, Database.Statement>();

  constructor(
    dataDir: string,
    private readonly options: StoreOptions = {},
  ) {
    fs.mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
    this.file = path.join(dataDir, DATABASE_FILE);
    this.open(options.placeholder ?? false);
  }

  /**
   * Closes the database, lets `action` move or remove its files, and opens the file anew (empty, migrated). The
   * caller has stopped the writer thread first (see store-lifecycle.ts).
   */
  reopenAfter(action: (file: string) => void): void {
    this.search.stop();
    if (this.db.open) this.db.close();
    action(this.file);
    this.prepared.clear();
    this.open(false);
  }

  private open(placeholder: boolean): void {
    const { options } = this;
    if (!placeholder) {
      // 0600 before SQLite first opens it: its -wal and -shm files take the database file's mode.
      createPrivateFile(this.file);
    }
    const db = openDatabase(placeholder ? ':memory:' : this.file);
    try {
      migrate(db);
      this.checkedAtOpen = options.check && !placeholder ? checkDatabase(db, this.file, options.fullCheckMaxBytes) : null;
    } catch (error) {
      db.close();
      throw error;
    }
    this.db = db;
    this.state = new StoreState(this.db);
    this.pending = new PendingForwards(this.db);
    this.statements = this.prepareStatements();
    this.inserter = new DeliveryInsert(this.db);
    this.history = new HistoryQueries(this.db);
    this.exports = new ExportPages(this.db);
    this.duplicates = new DuplicateLookup(this.db);
    this.shards = new SearchShards(this.db, options.searchShardSize);
    this.search = new SearchIndexer(this.db, this.shards, (work) => this.relaxed(work), options.clock ?? SYSTEM_CLOCK);
    this.pruner = new Pruner(this.db, this.shards, (work) => this.relaxed(work));
    this.trash = new Trash(this.db, this.shards);
    this.rowDeleter = new RowDeleter(this.db, this.shards);
    // An undo window that was open when the last process stopped has closed: those deletes stand.
    if (!placeholder && this.trash.hasAny()) this.trash.purgeAll();
    if (this.checkedAtOpen === 'full') this.markChecked((options.clock ?? SYSTEM_CLOCK).now());
  }

  /** When the whole file was last found sound (ms since the epoch; 0 = never). */
  lastFullCheck(): number {
    return this.state.get('checked_at');
  }

  markChecked(at: number): void {
    this.state.set('checked_at', at);
  }

  private prepareStatements() {
    return {
      summaryById: this.db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM deliveries WHERE id = ?`),
      fullById: this.db.prepare('SELECT * FROM deliveries WHERE id = ?'),
      deleteById: this.db.prepare('DELETE FROM deliveries WHERE id = ? RETURNING seq').pluck(),
      updateSignature: this.db.prepare(
        'UPDATE deliveries SET sig_status = ?, sig_scheme = ?, signature = ? WHERE id = ?',
      ),
      insertForward: this.db.prepare(
        'INSERT INTO forwards (id, delivery_id, started_at, data) VALUES (?, ?, ?, ?)',
      ),
      updateLastForward: this.db.prepare('UPDATE deliveries SET last_forward = ? WHERE id = ?'),
      forwardsOf: this.db.prepare('SELECT data FROM forwards WHERE delivery_id = ? ORDER BY seq DESC'),
    };
  }

  /**
   * Stores a batch in one transaction (one fsync) and returns the summaries in the same order, built from what was
   * written rather than read back. The search index follows just behind (see search-indexer.ts).
   */
  insertMany(deliveries: NewDelivery[]): DeliverySummary[] {
    const queued = this.search.queued();
    let summaries: DeliverySummary[];
    try {
      summaries = this.db
        .transaction((batch: NewDelivery[]) => {
          const rows = this.inserter.batch(batch);
          return batch.map((delivery, index) => {
            this.search.add(rows[index]!.seq, searchText(delivery));
            return summaryOf(delivery, rows[index]!);
          });
        })
        .immediate(deliveries);
    } catch (error) {
      this.search.forget(queued);
      throw error;
    }
    this.search.schedule();
    return summaries;
  }

  list(filters: ListFilters): DeliveryPage {
    const fts = filters.q === undefined ? null : toFtsQuery(filters.q);
    let rows: SummaryRow[];
    if (fts === null) {
      const { sql, params } = buildListQuery(filters);
      rows = this.prepare(sql).all(params) as SummaryRow[];
    } else {
      this.search.catchUp();
      rows = searchPage((sql) => this.prepare(sql), this.shards, filters, fts);
    }
    const hasMore = rows.length > filters.limit;
    const page = hasMore ? rows.slice(0, filters.limit) : rows;
    return {
      items: page.map(toSummary),
      nextCursor: hasMore ? String(page[page.length - 1]!.seq) : null,
    };
  }

  getSummary(id: string): DeliverySummary | null {
    const row = this.statements.summaryById.get(id) as SummaryRow | undefined;
    return row ? toSummary(row) : null;
  }

  getRecord(id: string): DeliveryRecord | null {
    const row = this.statements.fullById.get(id) as FullRow | undefined;
    return row ? this.recordOf(row) : null;
  }

  /** A whole row as a record, payload decoded. */
  recordOf(row: FullRow): DeliveryRecord {
    return {
      ...toSummary(row),
      headers: decodeHeaders(row.codec, row.headers),
      body: decodeBody(row.codec, row.body),
      remoteAddress: row.remote_address,
      parseError: row.parse_error,
      signatureResult: parseSignature(row.signature),
      answerMs: row.answer_ms ?? null,
    };
  }

  /**
   * Every delivery a full-text search matches (the list's own search), as seqs in received order: 8 bytes each in
   * memory, read page by page, for an export of the search.
   */
  searchSeqs(filters: ExportFilters & { q: string }): number[] {
    const fts = toFtsQuery(filters.q);
    if (fts === null) return [];
    this.search.catchUp();
    const seqs: number[] = [];
    let cursor: string | undefined;
    for (;;) {
      const rows = searchPage((sql) => this.prepare(sql), this.shards, { ...filters, limit: 1000, cursor }, fts);
      const page = rows.slice(0, 1000);
      for (const row of page) seqs.push(row.seq);
      if (rows.length <= 1000 || page.length === 0) break;
      cursor = String(page[page.length - 1]!.seq);
    }
    return seqs.reverse();
  }

  /** The seqs of every delivery the list filters match (q included), oldest first. */
  matchingSeqs(filters: ExportFilters): number[] {
    return filters.q ? this.searchSeqs({ ...filters, q: filters.q }) : this.exports.seqs(filters);
  }

  /** Ids (and sources) to re-verify, oldest first; all when neither filter is given. */
  idsFor(filter: { ids?: string[]; source?: string }): string[] {
    if (filter.ids) return filter.ids;
    const rows = filter.source
      ? this.db.prepare('SELECT id FROM deliveries WHERE source = ? ORDER BY seq').all(filter.source)
      : this.db.prepare('SELECT id FROM deliveries ORDER BY seq').all();
    return (rows as { id: string }[]).map((row) => row.id);
  }

  /** `relaxed`: without waiting for the fsync (background re-verification: a verdict can be computed again). */
  updateSignatures(updates: { id: string; signature: SignatureResult }[], options: { relaxed?: boolean } = {}): number {
    const write = () => {
      let changed = 0;
      for (const { id, signature } of updates) {
        changed += this.statements.updateSignature.run(
          signature.status,
          signature.scheme,
          compactSignature(signature),
          id,
        ).changes;
      }
      return changed;
    };
    return options.relaxed ? this.relaxed(write) : this.db.transaction(write).immediate();
  }

  /** Files a delivery under another source (the signature doctor's "move"); false when it is gone. */
  moveToSource(id: string, source: string): boolean {
    return this.history.moveToSource(id, source);
  }

  delete(id: string): number {
    return this.db.transaction(() => {
      const seq = this.statements.deleteById.get(id) as number | undefined;
      if (seq === undefined) return 0;
      this.state.add('deliveries', -1);
      this.shards.remove(seq);
      return 1;
    }).immediate();
  }

  /** Deletes these deliveries for good (a delete too large to keep for undo); returns how many were stored. */
  deleteSeqs(seqs: readonly number[]): number {
    return this.rowDeleter.delete(seqs);
  }

  deleteAll(): number {
    return this.db.transaction(() => {
      const n = this.count();
      this.db.exec('DELETE FROM forwards; DELETE FROM deliveries;');
      this.state.set('deliveries', 0);
      this.shards.dropAll();
      return n;
    }).immediate();
  }

  /**
   * One bounded retention step (see pruner.ts): deletes the oldest deliveries past `maxCount` or received before
   * `before`, for at most about `budgetMs`; returns the ids deleted and whether more remain.
   */
  prune(limits: PruneLimits, budgetMs: number): { ids: string[]; more: boolean } {
    return this.pruner.step(limits, budgetMs);
  }

  /** The exact number of stored deliveries (store_state, changed in the same transactions as the rows). */
  count(): number {
    return this.state.get('deliveries');
  }

  insertForward(attempt: ForwardAttempt): void {
    this.db.transaction(() => {
      this.statements.insertForward.run(
        attempt.id,
        attempt.deliveryId,
        Date.parse(attempt.startedAt),
        JSON.stringify(attempt),
      );
      this.statements.updateLastForward.run(
        JSON.stringify(forwardSummary(attempt)),
        attempt.deliveryId,
      );
    }).immediate();
  }

  /** Auto-forwards not yet done, in arrival order (what a stop or a crash left to send). */
  pendingForwards(): PendingForward[] {
    return this.pending.list();
  }

  /** The auto-forward of this delivery to this target is done (delivered, or given up on): it is not resumed at the next start. */
  forwardSettled(deliveryId: string, target: string): void {
    this.pending.settle(deliveryId, target);
  }

  listForwards(deliveryId: string): ForwardAttempt[] {
    return (this.statements.forwardsOf.all(deliveryId) as { data: string }[]).map(
      (row) => JSON.parse(row.data) as ForwardAttempt,
    );
  }

  private relaxed<T>(work: () => T): T {
    return runRelaxed(this.db, work);
  }

  private prepare(sql: string): Database.Statement {
    let statement = this.prepared.get(sql);
    if (!statement) {
      if (this.prepared.size >= 200) this.prepared.clear();
      statement = this.db.prepare(sql);
      this.prepared.set(sql, statement);
    }
    return statement;
  }

  close(): void {
    this.search.stop();
    if (this.db.open) this.db.close();
  }
}
