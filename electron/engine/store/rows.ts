// Maps SQLite rows to the domain types of shared/domain.ts, in one place.
import type {
  DeliverySummary,
  ForwardSummary,
  SchemeId,
  SignatureResult,
  SignatureStatus,
} from '../../../shared/domain.js';

export interface SummaryRow {
  seq: number;
  id: string;
  received_at: number;
  method: string;
  path: string;
  query: string;
  size: number;
  content_type: string | null;
  status: number;
  source: string;
  event_id: string | null;
  event_type: string | null;
  attempt: number;
  first_id: string | null;
  sig_status: string;
  sig_scheme: string | null;
  last_forward: string | null;
}

export interface FullRow extends SummaryRow {
  /** See payload-codec.ts: TEXT in rows from schema 1, a BLOB since. */
  headers: Buffer | string;
  body: Buffer;
  codec: number;
  remote_address: string | null;
  parse_error: string | null;
  signature: string;
  /** Schema 4 on. */
  answer_ms?: number | null;
}

export const SUMMARY_COLUMNS =
  'seq, id, received_at, method, path, query, size, content_type, status, source, event_id, event_type, attempt, ' +
  'first_id, sig_status, sig_scheme, last_forward';

export function toSummary(row: SummaryRow): DeliverySummary {
  return {
    id: row.id,
    receivedAt: new Date(row.received_at).toISOString(),
    method: row.method,
    path: row.path,
    query: row.query,
    source: row.source,
    eventId: row.event_id,
    eventType: row.event_type,
    attempt: row.attempt,
    firstDeliveryId: row.first_id,
    signature: { status: row.sig_status as SignatureStatus, scheme: row.sig_scheme as SchemeId | null },
    size: row.size,
    contentType: row.content_type,
    status: row.status,
    lastForward: row.last_forward ? (JSON.parse(row.last_forward) as ForwardSummary) : null,
  };
}

const SIGNATURE_FIELDS = [
  'status', 'scheme', 'header', 'secretIndex', 'secretHint', 'encoding', 'expected', 'received', 'timestamp', 'reason',
] as const;

/** The signature result as stored: null fields left out (most are null for a valid delivery). */
export function compactSignature(signature: SignatureResult): string {
  const stored: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(signature)) if (value !== null && value !== undefined) stored[key] = value;
  return JSON.stringify(stored);
}

export function parseSignature(json: string): SignatureResult {
  const stored = JSON.parse(json) as Record<string, unknown>;
  const result: Record<string, unknown> = {};
  for (const key of SIGNATURE_FIELDS) result[key] = stored[key] ?? null;
  for (const [key, value] of Object.entries(stored)) if (!(key in result)) result[key] = value;
  return result as unknown as SignatureResult;
}
