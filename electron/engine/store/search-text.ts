// What full-text search sees of a delivery: its path, event id and type, the values of the headers people look
// for (request ids, user agents, custom X- headers), and the body text. Header names, transport headers and
// signatures are left out: every delivery has them, nobody searches them, and the random digests alone doubled the
// index. Body text beyond MAX_INDEXED_BODY_CHARS is stored but not indexed.
import { decodeUtf8 } from '../receiver/envelope.js';
import { decodeBody, decodeHeaders } from './payload-codec.js';

export const MAX_INDEXED_BODY_CHARS = 1_000_000;

const UNSEARCHED_HEADERS = new Set([
  'host',
  'connection',
  'content-length',
  'content-type',
  'accept',
  'accept-encoding',
  'accept-language',
  'transfer-encoding',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-port',
  'x-forwarded-proto',
  'x-real-ip',
]);
const SIGNATURE_LIKE = /signature|^authorization$|^x-hub-signature|^webhook-signature$/i;

export function searchableHeaderValues(headers: readonly [string, string][]): string[] {
  const values: string[] = [];
  for (const [name, value] of headers) {
    const lower = name.toLowerCase();
    if (!UNSEARCHED_HEADERS.has(lower) && !SIGNATURE_LIKE.test(lower)) values.push(value);
  }
  return values;
}

export function searchText(delivery: {
  path: string;
  eventId: string | null;
  eventType: string | null;
  headers: readonly [string, string][];
  body: Buffer;
}): string {
  const text = decodeUtf8(delivery.body);
  return [
    delivery.path,
    [delivery.eventId, delivery.eventType].filter(Boolean).join(' '),
    searchableHeaderValues(delivery.headers).join(' '),
    text === null ? '' : text.slice(0, MAX_INDEXED_BODY_CHARS),
  ].join('\n');
}

/** The columns of a stored row that its search text is made of, as SQLite gives them (payload maybe compressed). */
export interface StoredSearchRow {
  path: string;
  event_id: string | null;
  event_type: string | null;
  codec: number;
  headers: Buffer | string;
  body: Buffer;
}

/** The search text of a row read back from the table (the indexer catching up, an undone delete going back in). */
export function storedRowText(row: StoredSearchRow): string {
  return searchText({
    path: row.path,
    eventId: row.event_id,
    eventType: row.event_type,
    headers: decodeHeaders(row.codec, row.headers),
    body: decodeBody(row.codec, row.body),
  });
}
