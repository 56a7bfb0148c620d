// Writes delivery rows: numbers each as a retry of the same event (attempt, first id), encodes its payload
// (payload-codec.ts) unless the caller did, inserts it, and moves the running count (store_state) by the batch.
// Shared by the store's own batch insert and the writer thread (writer-thread.ts), so both write the same rows.
import type Database from 'better-sqlite3';
import type { NewDelivery } from './new-delivery.js';
import { encodePayload, type EncodedPayload } from './payload-codec.js';
import { compactSignature } from './rows.js';
import { StoreState } from './store-state.js';

export interface InsertedRow {
  seq: number;
  attempt: number;
  firstId: string | null;
}

export class DeliveryInsert {
  private readonly insert;
  private readonly firstOfEvent;
  private readonly firstId;
  private readonly pending;
  private readonly state: StoreState;

  constructor(db: Database.Database) {
    this.insert = db.prepare(`
      INSERT INTO deliveries (id, received_at, method, path, query, size, content_type, status, source, event_id,
        event_type, attempt, first_id, sig_status, sig_scheme, parse_error, remote_address, signature, codec,
        headers, body, answer_ms)
      VALUES (@id, @receivedAt, @method, @path, @query, @size, @contentType, @status, @source, @eventId,
        @eventType, @attempt, @firstId, @sigStatus, @sigScheme, @parseError, @remoteAddress, @signature, @codec,
        @headers, @body, @answerMs)`);
    this.firstOfEvent = db.prepare(
      'SELECT min(seq) AS seq, COUNT(*) AS n FROM deliveries WHERE source = @source AND event_id = @eventId',
    );
    this.firstId = db.prepare('SELECT id FROM deliveries WHERE seq = ?').pluck();
    this.pending = db.prepare('INSERT OR IGNORE INTO pending_forwards (delivery_id, source, target) VALUES (?, ?, ?)');
    this.state = new StoreState(db);
  }

  /** Inserts the batch; call inside a transaction. `payloads[i]`, when given, is delivery i's encoded payload. */
  batch(deliveries: NewDelivery[], payloads?: EncodedPayload[]): InsertedRow[] {
    const rows = deliveries.map((delivery, index) => this.run(delivery, payloads?.[index]));
    this.state.add('deliveries', rows.length);
    return rows;
  }

  private run(delivery: NewDelivery, encoded?: EncodedPayload): InsertedRow {
    let attempt = 1;
    let firstId: string | null = null;
    if (delivery.eventId !== null) {
      const first = this.firstOfEvent.get({ source: delivery.source, eventId: delivery.eventId }) as {
        seq: number | null;
        n: number;
      };
      if (first.seq !== null) {
        attempt = first.n + 1;
        firstId = this.firstId.get(first.seq) as string;
      }
    }
    const payload = encoded ?? encodePayload(delivery.headers, delivery.body);
    const { lastInsertRowid } = this.insert.run({
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
      answerMs: delivery.holdMs ?? null,
      ...payload,
    });
    for (const target of delivery.forwardTargets ?? []) this.pending.run(delivery.id, delivery.source, target);
    return { seq: Number(lastInsertRowid), attempt, firstId };
  }
}
