// Whether a delivery being imported is already stored: the same id, or the same bytes (body and header pairs)
// received at the same millisecond on the same path (a file exported elsewhere, whose ids differ). The second
// rides the received_at index, so it reads the few rows of that instant.
import type Database from 'better-sqlite3';
import { decodeBody, decodeHeaders } from './payload-codec.js';

export class DuplicateLookup {
  private readonly byId;
  private readonly atInstant;

  constructor(db: Database.Database) {
    this.byId = db.prepare('SELECT 1 FROM deliveries WHERE id = ?').pluck();
    this.atInstant = db.prepare('SELECT id, codec, headers, body FROM deliveries WHERE received_at = ? AND path = ? AND size = ?');
  }

  hasId(id: string): boolean {
    return this.byId.get(id) !== undefined;
  }

  /** The id of a stored delivery with these exact bytes, arrival time and path, or null. */
  sameBytes(candidate: { receivedAt: number; path: string; headers: [string, string][]; body: Buffer }): string | null {
    const rows = this.atInstant.all(candidate.receivedAt, candidate.path, candidate.body.length) as {
      id: string;
      codec: number;
      headers: Buffer | string;
      body: Buffer;
    }[];
    const headers = JSON.stringify(candidate.headers);
    for (const row of rows) {
      if (!decodeBody(row.codec, row.body).equals(candidate.body)) continue;
      if (JSON.stringify(decodeHeaders(row.codec, row.headers)) === headers) return row.id;
    }
    return null;
  }
}
