// A delivery as the receiver hands it to the store, and the list summary of one just written (built from what was
// written, not read back).
import type { DeliverySummary, SignatureResult } from '../../../shared/domain.js';
import type { InsertedRow } from './delivery-insert.js';

/** Attempt and first id are computed by the store (delivery-insert.ts). */
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
  /** How long the receiver holds its answer (the source's response.delayMs); stored as answer_ms. */
  holdMs?: number;
  /** The targets its source auto-forwards it to: a pending forward per target is stored with it (survives a crash). */
  forwardTargets?: string[];
}

export function summaryOf(delivery: NewDelivery, row: InsertedRow): DeliverySummary {
  return {
    id: delivery.id,
    receivedAt: new Date(delivery.receivedAt).toISOString(),
    method: delivery.method,
    path: delivery.path,
    query: delivery.query,
    source: delivery.source,
    eventId: delivery.eventId,
    eventType: delivery.eventType,
    attempt: row.attempt,
    firstDeliveryId: row.firstId,
    signature: { status: delivery.signature.status, scheme: delivery.signature.scheme },
    size: delivery.body.length,
    contentType: delivery.contentType,
    status: delivery.status,
    lastForward: null,
  };
}
