// Read-mostly questions about a source's history that are not list pages: the attempts of one event id, the event
// types a source has seen, which secret verified its recent deliveries, the pages a background re-verification
// walks, and filing a delivery under another source. Each rides an index (deliveries_event, deliveries_source_type,
// deliveries_source), so the answer costs the rows asked for, not the size of the store.
import type Database from 'better-sqlite3';
import type { ForwardSummary, SignatureStatus } from '../../../shared/domain.js';

export interface AttemptRow {
  id: string;
  receivedAt: number;
  status: number;
  /** How long the receiver held its answer; null in rows stored before it was kept. */
  answerMs: number | null;
  signature: SignatureStatus;
  lastForward: ForwardSummary | null;
}

export interface EventTypeCount {
  type: string | null;
  count: number;
  lastAt: number;
}

export interface VerificationRow {
  receivedAt: number;
  status: SignatureStatus;
  secretId: string | null;
  secretHint: string | null;
}

/** Attempts listed for one event at most: BuzzBip stops at 6, Vobiz's 24 h of backoff stays well under this. */
export const MAX_EVENT_ATTEMPTS = 500;

export class HistoryQueries {
  private readonly attempts;
  private readonly types;
  private readonly recent;
  private readonly page;
  private readonly move;
  private readonly renumber;
  private readonly firstAttempt;
  private readonly count;
  private readonly eventCount;

  constructor(private readonly db: Database.Database) {
    this.attempts = db.prepare(
      `SELECT id, received_at, status, answer_ms, sig_status, last_forward FROM deliveries
        WHERE source = ? AND event_id = ? ORDER BY seq LIMIT ${MAX_EVENT_ATTEMPTS}`,
    );
    this.types = db.prepare(
      'SELECT event_type, COUNT(*) AS n, MAX(received_at) AS last FROM deliveries WHERE source = ? GROUP BY event_type',
    );
    this.recent = db.prepare(
      `SELECT received_at, sig_status, json_extract(signature, '$.secretId') AS secret_id,
          json_extract(signature, '$.secretHint') AS secret_hint
        FROM deliveries WHERE source = ? ORDER BY seq DESC LIMIT ?`,
    );
    this.page = db.prepare('SELECT seq, id FROM deliveries WHERE source = ? AND seq > ? ORDER BY seq LIMIT ?');
    this.move = db.prepare('UPDATE deliveries SET source = ? WHERE id = ? RETURNING seq, event_id');
    this.renumber = db.prepare(
      `UPDATE deliveries SET
          attempt = 1 + (SELECT COUNT(*) FROM deliveries d WHERE d.source = @source AND d.event_id = @eventId AND d.seq < @seq),
          first_id = (SELECT id FROM deliveries d WHERE d.source = @source AND d.event_id = @eventId AND d.seq < @seq ORDER BY seq LIMIT 1)
        WHERE seq = @seq`,
    );
    this.firstAttempt = db.prepare('UPDATE deliveries SET attempt = 1, first_id = NULL WHERE seq = ?');
    this.count = db.prepare('SELECT COUNT(*) FROM deliveries WHERE source = ?').pluck();
    this.eventCount = db.prepare('SELECT COUNT(*) FROM deliveries WHERE source = ? AND event_id = ?').pluck();
  }

  /** How many deliveries a source holds (deliveries_source index). */
  /** How many attempts of one event id a source has stored (deliveries_event index). */
  attemptCount(source: string, eventId: string): number {
    return this.eventCount.get(source, eventId) as number;
  }

  countOf(source: string): number {
    return this.count.get(source) as number;
  }

  attemptsOf(source: string, eventId: string): AttemptRow[] {
    const rows = this.attempts.all(source, eventId) as {
      id: string;
      received_at: number;
      status: number;
      answer_ms: number | null;
      sig_status: SignatureStatus;
      last_forward: string | null;
    }[];
    return rows.map((row) => ({
      id: row.id,
      receivedAt: row.received_at,
      status: row.status,
      answerMs: row.answer_ms,
      signature: row.sig_status,
      lastForward: row.last_forward ? (JSON.parse(row.last_forward) as ForwardSummary) : null,
    }));
  }

  eventTypes(source: string): EventTypeCount[] {
    const rows = this.types.all(source) as { event_type: string | null; n: number; last: number }[];
    return rows.map((row) => ({ type: row.event_type, count: row.n, lastAt: row.last }));
  }

  /** The newest `limit` deliveries' verification, newest first. */
  recentVerifications(source: string, limit: number): VerificationRow[] {
    const rows = this.recent.all(source, limit) as {
      received_at: number;
      sig_status: SignatureStatus;
      secret_id: string | null;
      secret_hint: string | null;
    }[];
    return rows.map((row) => ({
      receivedAt: row.received_at,
      status: row.sig_status,
      secretId: row.secret_id,
      secretHint: row.secret_hint,
    }));
  }

  /** The next `limit` deliveries of a source after `afterSeq`, oldest first. */
  pageOf(source: string, afterSeq: number, limit: number): { seq: number; id: string }[] {
    return this.page.all(source, afterSeq, limit) as { seq: number; id: string }[];
  }

  /** Files a delivery under another source and numbers it among that source's attempts of its event; false if gone. */
  moveToSource(id: string, source: string): boolean {
    return this.db.transaction(() => {
      const row = this.move.get(source, id) as { seq: number; event_id: string | null } | undefined;
      if (!row) return false;
      if (row.event_id !== null) this.renumber.run({ source, eventId: row.event_id, seq: row.seq });
      else this.firstAttempt.run(row.seq);
      return true;
    }).immediate();
  }
}
