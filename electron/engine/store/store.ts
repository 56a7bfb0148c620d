// The deliveries database: one SQLite file (WAL) in the data folder holding every delivery byte for byte, its
// forward attempts, and a full-text index. Synchronous (better-sqlite3); callers batch writes (see ingest.ts).
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type {
  DeliveryPage,
  DeliverySummary,
  ForwardAttempt,
  SignatureResult,
} from '../../../shared/domain.js';
import { decodeUtf8 } from '../receiver/envelope.js';
import { migrate } from './migrations.js';
import { buildListQuery, type ListFilters } from './list-query.js';
import { parseHeaders, parseSignature, SUMMARY_COLUMNS, toSummary, type FullRow, type SummaryRow } from './rows.js';

export const DATABASE_FILE = 'hookscope.db';
/** Text beyond this is stored but not indexed for search. */
const MAX_INDEXED_BODY_CHARS = 1_000_000;

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
  private readonly statements;

  /** nativeBinding: the desktop app's better-sqlite3 build for Electron's ABI (Node uses the package's own). */
  constructor(dataDir: string, options: { nativeBinding?: string } = {}) {
    fs.mkdirSync(dataDir, { recursive: true });
    this.file = path.join(dataDir, DATABASE_FILE);
    this.db = new Database(this.file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
    this.db.pragma('journal_mode = WAL');
    // FULL: a delivery we answered 2xx must survive a crash or power loss, not only a process exit.
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    migrate(this.db);
    this.statements = {
      insert: this.db.prepare(`
        INSERT INTO deliveries (id, received_at, method, path, query, headers, body, size, content_type, remote_address,
          status, source, event_id, event_type, attempt, first_id, parse_error, sig_status, sig_scheme, signature)
        VALUES (@id, @receivedAt, @method, @path, @query, @headers, @body, @size, @contentType, @remoteAddress,
          @status, @source, @eventId, @eventType, @attempt, @firstId, @parseError, @sigStatus, @sigScheme, @signature)`),
      insertFts: this.db.prepare('INSERT INTO deliveries_fts (rowid, path, event, headers, body) VALUES (?, ?, ?, ?, ?)'),
      firstOfEvent: this.db.prepare(
        'SELECT id, (SELECT COUNT(*) FROM deliveries WHERE source = @source AND event_id = @eventId) AS n ' +
          'FROM deliveries WHERE source = @source AND event_id = @eventId ORDER BY seq LIMIT 1',
      ),
      summaryById: this.db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM deliveries WHERE id = ?`),
      fullById: this.db.prepare('SELECT * FROM deliveries WHERE id = ?'),
      deleteById: this.db.prepare('DELETE FROM deliveries WHERE id = ?'),
      count: this.db.prepare('SELECT COUNT(*) AS n FROM deliveries'),
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

  /** Stores a batch in one transaction (one fsync) and returns the summaries in the same order. */
  insertMany(deliveries: NewDelivery[]): DeliverySummary[] {
    return this.db.transaction((batch: NewDelivery[]) => batch.map((delivery) => this.insertOne(delivery)))(
      deliveries,
    );
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
    const result = this.statements.insert.run({
      ...delivery,
      headers: JSON.stringify(delivery.headers),
      size: delivery.body.length,
      attempt,
      firstId,
      sigStatus: delivery.signature.status,
      sigScheme: delivery.signature.scheme,
      signature: JSON.stringify(delivery.signature),
    });
    const text = decodeUtf8(delivery.body);
    this.statements.insertFts.run(
      result.lastInsertRowid,
      delivery.path,
      [delivery.eventId, delivery.eventType].filter(Boolean).join(' '),
      delivery.headers.map(([name, value]) => `${name}: ${value}`).join('\n'),
      text === null ? '' : text.slice(0, MAX_INDEXED_BODY_CHARS),
    );
    return this.getSummary(delivery.id)!;
  }

  list(filters: ListFilters): DeliveryPage {
    const { sql, params } = buildListQuery(filters);
    const rows = this.db.prepare(sql).all(params) as SummaryRow[];
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
      headers: parseHeaders(row.headers),
      body: row.body,
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
          JSON.stringify(signature),
          id,
        ).changes;
      }
      return changed;
    })();
  }

  delete(id: string): number {
    return this.statements.deleteById.run(id).changes;
  }

  deleteAll(): number {
    return this.db.transaction(() => {
      const { n } = this.statements.count.get() as { n: number };
      this.db.exec('DELETE FROM forwards; DELETE FROM deliveries;');
      return n;
    })();
  }

  /** Deletes the oldest deliveries past `maxCount` and older than `before` (ms), at most `chunk` rows per call. */
  pruneChunk(options: { maxCount: number; before: number | null; chunk: number }): string[] {
    return this.db.transaction(() => {
      const ids: string[] = [];
      const take = (rows: unknown[]) => {
        for (const { id } of rows as { id: string }[]) {
          this.statements.deleteById.run(id);
          ids.push(id);
        }
      };
      if (options.before !== null) {
        take(
          this.db
            .prepare('SELECT id FROM deliveries WHERE received_at < ? ORDER BY seq LIMIT ?')
            .all(options.before, options.chunk),
        );
      }
      if (options.maxCount > 0 && ids.length < options.chunk) {
        const excess = Math.min(this.count() - options.maxCount, options.chunk - ids.length);
        if (excess > 0) take(this.db.prepare('SELECT id FROM deliveries ORDER BY seq LIMIT ?').all(excess));
      }
      return ids;
    })();
  }

  count(): number {
    return (this.statements.count.get() as { n: number }).n;
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

  close(): void {
    if (this.db.open) this.db.close();
  }
}
