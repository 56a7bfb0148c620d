// The deliveries database: one SQLite file (WAL) in the data folder holding every delivery byte for byte (headers
// and body deflate-compressed when that pays, see payload-codec.ts), its forward attempts, a full-text index kept
// just behind the commit (search-indexer.ts), and an exact running count kept by triggers in store_state.
// Synchronous (better-sqlite3); callers batch writes (see ingest.ts).
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type {
  DeliveryPage,
  DeliverySummary,
  ForwardAttempt,
  SignatureResult,
} from '../../../shared/domain.js';
import { SYSTEM_CLOCK, type Clock } from '../clock.js';
import { migrate } from './migrations.js';
import { buildListQuery, type ListFilters } from './list-query.js';
import { decodeBody, decodeHeaders, encodePayload } from './payload-codec.js';
import { toFtsQuery } from './fts-query.js';
import { Pruner, type PruneLimits } from './pruner.js';
import { SearchIndexer } from './search-indexer.js';
import { searchPage } from './search-page.js';
import { SearchShards } from './search-shards.js';
import { compactSignature, parseSignature, SUMMARY_COLUMNS, toSummary, type FullRow, type SummaryRow } from './rows.js';

export const DATABASE_FILE = 'hookscope.db';
/** New files get 8 KiB pages: compressed ~1 KB deliveries pack with less slack than in 4 KiB pages. */
const PAGE_SIZE = 8192;
/** Page cache per connection (KiB): holds the hot ends of the indexes of a store with a million deliveries. */
const CACHE_KIB = 32 * 1024;

/** A delivery as the receiver hands it to the store (attempt and first id are computed here). */
export interface NewDelivery {
  id: string;
  receivedAt: number;
  method: string;
  path: string;
  query: string;
  headers: [string, string][];
  body: Buffer;
  contentType: string | null;
  remoteAddress: string | null;
  status: number;
  source: string;
  eventId: string | null;
  eventType: string | null;
  parseError: string | null;
  signature: SignatureResult;
}

/** Everything stored for one delivery, raw bytes included. */
export interface DeliveryRecord extends DeliverySummary {
  headers: [string, string][];
  body: Buffer;
  remoteAddress: string | null;
  parseError: string | null;
  signatureResult: SignatureResult;
}

export class Store {
  readonly db: Database.Database;
  readonly file: string;
  readonly search: SearchIndexer;
  private readonly shards: SearchShards;
  private readonly pruner: Pruner;
  private readonly statements;
  /** Prepared list and search statements by SQL (their shapes are few: filters present, shard). */
  private readonly prepared = new Map<string, Database.Statement>();

  /** nativeBinding: the desktop app's better-sqlite3 build for Electron's ABI (Node uses the package's own). */
  constructor(dataDir: string, options: { nativeBinding?: string; clock?: Clock; searchShardSize?: number } = {}) {
    fs.mkdirSync(dataDir, { recursive: true });
    this.file = path.join(dataDir, DATABASE_FILE);
    this.db = new Database(this.file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
    this.db.pragma(`page_size = ${PAGE_SIZE}`); // no effect on a file that already has tables
    this.db.pragma('journal_mode = WAL');
    // FULL: a delivery we answered 2xx must survive a crash or power loss, not only a process exit.
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma(`cache_size = -${CACHE_KIB}`);
    migrate(this.db);
    this.statements = {
      insert: this.db.prepare(`
        INSERT INTO deliveries (id, received_at, method, path, query, size, content_type, status, source, event_id,
          event_type, attempt, first_id, sig_status, sig_scheme, parse_error, remote_address, signature, codec,
          headers, body)
        VALUES (@id, @receivedAt, @method, @path, @query, @size, @contentType, @status, @source, @eventId,
          @eventType, @attempt, @firstId, @sigStatus, @sigScheme, @parseError, @remoteAddress, @signature, @codec,
          @headers, @body)`),
      firstOfEvent: this.db.prepare(
        'SELECT id, (SELECT COUNT(*) FROM deliveries WHERE source = @source AND event_id = @eventId) AS n ' +
          'FROM deliveries WHERE source = @source AND event_id = @eventId ORDER BY seq LIMIT 1',
      ),
      summaryById: this.db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM deliveries WHERE id = ?`),
      fullById: this.db.prepare('SELECT * FROM deliveries WHERE id = ?'),
      deleteById: this.db.prepare('DELETE FROM deliveries WHERE id = ? RETURNING seq').pluck(),
      count: this.db.prepare("SELECT value FROM store_state WHERE key = 'deliveries'").pluck(),
      updateSignature: this.db.prepare(
        'UPDATE deliveries SET sig_status = ?, sig_scheme = ?, signature = ? WHERE id = ?',
      ),
      insertForward: this.db.prepare(
        'INSERT INTO forwards (id, delivery_id, started_at, data) VALUES (?, ?, ?, ?)',
      ),
      updateLastForward: this.db.prepare('UPDATE deliveries SET last_forward = ? WHERE id = ?'),
      forwardsOf: this.db.prepare('SELECT data FROM forwards WHERE delivery_id = ? ORDER BY seq DESC'),
    };
    this.shards = new SearchShards(this.db, options.searchShardSize);
    this.search = new SearchIndexer(this.db, this.shards, (work) => this.relaxed(work), options.clock ?? SYSTEM_CLOCK);
    this.pruner = new Pruner(this.db, this.shards, (work) => this.relaxed(work));
  }

  /**
   * Stores a batch in one transaction (one fsync) and returns the summaries in the same order, built from what was
   * written rather than read back. The search index follows just behind (see search-indexer.ts).
   */
  insertMany(deliveries: NewDelivery[]): DeliverySummary[] {
    const summaries = this.db.transaction((batch: NewDelivery[]) => batch.map((delivery) => this.insertOne(delivery)))(
      deliveries,
    );
    this.search.schedule();
    return summaries;
  }

  private insertOne(delivery: NewDelivery): DeliverySummary {
    let attempt = 1;
    let firstId: string | null = null;
    if (delivery.eventId !== null) {
      const first = this.statements.firstOfEvent.get({ source: delivery.source, eventId: delivery.eventId }) as
        | { id: string; n: number }
        | undefined;
      if (first) {
        attempt = first.n + 1;
        firstId = first.id;
      }
    }
    const payload = encodePayload(delivery.headers, delivery.body);
    this.statements.insert.run({
      id: delivery.id,
      receivedAt: delivery.receivedAt,
      method: delivery.method,
      path: delivery.path,
      query: delivery.query,
      size: delivery.body.length,
      contentType: delivery.contentType,
      status: delivery.status,
      source: delivery.source,
      eventId: delivery.eventId,
      eventType: delivery.eventType,
      attempt,
      firstId,
      sigStatus: delivery.signature.status,
      sigScheme: delivery.signature.scheme,
      parseError: delivery.parseError,
      remoteAddress: delivery.remoteAddress,
      signature: compactSignature(delivery.signature),
      ...payload,
    });
    return {
      id: delivery.id,
      receivedAt: new Date(delivery.receivedAt).toISOString(),
      method: delivery.method,
      path: delivery.path,
      query: delivery.query,
      source: delivery.source,
      eventId: delivery.eventId,
      eventType: delivery.eventType,
      attempt,
      firstDeliveryId: firstId,
      signature: { status: delivery.signature.status, scheme: delivery.signature.scheme },
      size: delivery.body.length,
      contentType: delivery.contentType,
      status: delivery.status,
      lastForward: null,
    };
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
    if (!row) return null;
    return {
      ...toSummary(row),
      headers: decodeHeaders(row.codec, row.headers),
      body: decodeBody(row.codec, row.body),
      remoteAddress: row.remote_address,
      parseError: row.parse_error,
      signatureResult: parseSignature(row.signature),
    };
  }

  /** Ids (and sources) to re-verify, oldest first; all when neither filter is given. */
  idsFor(filter: { ids?: string[]; source?: string }): string[] {
    if (filter.ids) return filter.ids;
    const rows = filter.source
      ? this.db.prepare('SELECT id FROM deliveries WHERE source = ? ORDER BY seq').all(filter.source)
      : this.db.prepare('SELECT id FROM deliveries ORDER BY seq').all();
    return (rows as { id: string }[]).map((row) => row.id);
  }

  updateSignatures(updates: { id: string; signature: SignatureResult }[]): number {
    return this.db.transaction(() => {
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
    })();
  }

  delete(id: string): number {
    return this.db.transaction(() => {
      const seq = this.statements.deleteById.get(id) as number | undefined;
      if (seq === undefined) return 0;
      this.shards.remove(seq);
      return 1;
    })();
  }

  deleteAll(): number {
    return this.db.transaction(() => {
      const n = this.count();
      this.db.exec('DELETE FROM forwards; DELETE FROM deliveries;');
      this.shards.dropAll();
      return n;
    })();
  }

  /**
   * One bounded retention step (see pruner.ts): deletes the oldest deliveries past `maxCount` or received before
   * `before`, for at most about `budgetMs`; returns the ids deleted and whether more remain.
   */
  prune(limits: PruneLimits, budgetMs: number): { ids: string[]; more: boolean } {
    return this.pruner.step(limits, budgetMs);
  }

  /** The exact number of stored deliveries (kept by triggers in the same transactions as the rows). */
  count(): number {
    return this.statements.count.get() as number;
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
        JSON.stringify({ status: attempt.status, error: attempt.error, at: attempt.startedAt }),
        attempt.deliveryId,
      );
    })();
  }

  listForwards(deliveryId: string): ForwardAttempt[] {
    return (this.statements.forwardsOf.all(deliveryId) as { data: string }[]).map(
      (row) => JSON.parse(row.data) as ForwardAttempt,
    );
  }

  /**
   * Runs work that can be redone (the search index, retention deletes) in a transaction that does not wait for its
   * own fsync: it becomes durable with the next delivery's commit or checkpoint, and a crash before that only means
   * the work is done again. Deliveries themselves always commit with synchronous = FULL.
   */
  private relaxed<T>(work: () => T): T {
    this.db.pragma('synchronous = NORMAL');
    try {
      return this.db.transaction(work)();
    } finally {
      this.db.pragma('synchronous = FULL');
    }
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
